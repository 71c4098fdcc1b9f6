import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { describeWithBrowser, launchChromium } from './chromium';
import jsQR from 'jsqr';
import { startTestGraph, TestGraph } from './harness';

/**
 * Checking in at a station as it happens there: the station's check-in page, open on
 * the staff's screen, shows the code as a QR code; a real decoder (jsQR) reads it
 * back from what Chromium drew, and the volunteer on duty checks in with it through
 * the gateway. Skipped, as the other browser tests, where there is no Chromium.
 */
const HOUR = 3_600_000;
const CHECK_IN = `mutation ($id: ID!, $code: String) { checkInDutySlot(id: $id, code: $code) { checkedInAt checkInMethod } }`;

describeWithBrowser('QR check-in at a station, in a browser', () => {
  let graph: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    graph = await startTestGraph();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  /** A station managed by `managerId`, with a slot in progress that `volunteerId` is on duty for. */
  async function slotInProgress(managerId: string, volunteerId: string) {
    const db = graph.db('neighbour-stations');
    const [{ id: stationId }] = await db.query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, status, mode, helps, eight_haves)
       VALUES ('签到测试驿站', 'VOLUNTEER_SERVICE', '350504001001', 24.9452, 118.6705, 'OPEN', 'SERIAL', ARRAY['ELDERLY'], '{}') RETURNING id`,
    );
    await db.query(`INSERT INTO neighbour_stations.station_manager (station_id, person_id) VALUES ($1, $2)`, [stationId, managerId]);
    const unitId = randomUUID();
    await db.query(
      `INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code) VALUES ($1, '签到测试单位', 'GOVERNMENT_UNIT', '350504')`,
      [unitId],
    );
    const now = Date.now();
    const [{ id: slotId }] = await db.query(
      `INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at, claimed_by, claimed_at, on_duty_person_id)
       VALUES ($1, '350504001001', $2, 'MORNING', $3, $4, $5, now(), $6) RETURNING id`,
      [stationId, new Date(now).toISOString().slice(0, 10), new Date(now - HOUR), new Date(now + 2 * HOUR), unitId, volunteerId],
    );
    return { stationId, slotId };
  }

  it("when the volunteer scans the station's page, then the decoded code checks them in through the gateway", async () => {
    const managerId = randomUUID();
    const volunteerId = randomUUID();
    const { stationId, slotId } = await slotInProgress(managerId, volunteerId);
    const page = await browser.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    // The staff member opens the page and signs it in with their own token.
    await page.goto(`${graph.url}checkin/station/${stationId}`);
    await page.locator('#token').fill(await graph.token(['STATION_MANAGER'], '350504', managerId));
    await page.locator('#token').dispatchEvent('change');
    await page.locator('#qr[src^="data:image/png"]').waitFor();

    // What the screen shows, read back pixel by pixel and decoded as a phone would.
    // (The function runs in the page; the tests compile without the DOM's types.)
    const { width, height, pixels } = await page.locator('#qr').evaluate((img: any) => {
      const canvas = (globalThis as any).document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      return {
        width: canvas.width as number,
        height: canvas.height as number,
        pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data as ArrayLike<number>),
      };
    });
    const decoded = jsQR(Uint8ClampedArray.from(pixels), width, height);
    expect(decoded?.data).toMatch(new RegExp(`^CIVIC-CHECKIN:STATION:${stationId}:\\d{8}$`));
    expect(scriptErrors).toEqual([]);
    await page.close();

    // The volunteer's own signed-in phone sends it.
    const volunteer = await graph.token(['VOLUNTEER'], '350504', volunteerId);
    const { body } = await graph.query(CHECK_IN, { id: slotId, code: decoded!.data }, volunteer);
    expect(body.errors).toBeUndefined();
    expect(body.data.checkInDutySlot).toEqual({ checkedInAt: expect.any(String), checkInMethod: 'QR' });
  });

  it('when the page is opened without a staff token, or by a stranger, then it shows no code', async () => {
    const { stationId } = await slotInProgress(randomUUID(), randomUUID());
    const anonymous = await fetch(`${graph.url}checkin/station/${stationId}/code`);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const stranger = await fetch(`${graph.url}checkin/station/${stationId}/code`, {
      headers: { authorization: `Bearer ${await graph.token(['VOLUNTEER'], '350504')}` },
    });
    const refused = (await stranger.json()) as any;
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(refused.image).toBeUndefined();
    expect((await fetch(`${graph.url}checkin/elsewhere/${stationId}`)).status).toBe(404);
  });

  it("when another station's code is sent, then BAD_USER_INPUT naming code, through the gateway", async () => {
    const managerId = randomUUID();
    const volunteerId = randomUUID();
    const { slotId } = await slotInProgress(managerId, volunteerId);
    const other = await slotInProgress(managerId, randomUUID());
    const answer = await fetch(`${graph.url}checkin/station/${other.stationId}/code`, {
      headers: { authorization: `Bearer ${await graph.token(['STATION_MANAGER'], '350504', managerId)}` },
    });
    const { text } = (await answer.json()) as { text: string };
    const { body } = await graph.query(CHECK_IN, { id: slotId, code: text }, await graph.token(['VOLUNTEER'], '350504', volunteerId));
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
  });

  it("when a shift's and an activity's pages give their codes to the officer, then the veterans check in with them through the gateway", async () => {
    const db = graph.db('veteran-volunteers');
    const personId = randomUUID();
    const [{ id: veteranId }] = await db.query(
      `INSERT INTO veteran_volunteers.veteran (person_id, region_code, service_years, discharge_year) VALUES ($1, '350105102227', 6, 1990) RETURNING id`,
      [personId],
    );
    const [{ id: teamId }] = await db.query(
      `INSERT INTO veteran_volunteers.veteran_team (name, region_code) VALUES ('签到测试队', '350105102227') RETURNING id`,
    );
    const [{ id: checkpointId }] = await db.query(
      `INSERT INTO veteran_volunteers.checkpoint (name, region_code, team_id, staffed_from, staffed_until) VALUES ('签到测试点', '350105102227', $1, '07:00', '22:00') RETURNING id`,
      [teamId],
    );
    const now = Date.now();
    const [{ id: shiftId }] = await db.query(
      `INSERT INTO veteran_volunteers.shift (checkpoint_id, veteran_id, starts_at, ends_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [checkpointId, veteranId, new Date(now - HOUR), new Date(now + HOUR)],
    );
    const [{ id: activityId }] = await db.query(
      `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at) VALUES ($1, '350105102227', '签到测试义诊', 'HEALTH_CLINIC', $2, $3) RETURNING id`,
      [teamId, new Date(now - HOUR), new Date(now + HOUR)],
    );
    const officer = { headers: { authorization: `Bearer ${await graph.token(['DISTRICT_OFFICER'], '350105')}` } };
    const veteran = await graph.token(['VOLUNTEER'], '350105', personId);
    const shiftCode = (await (await fetch(`${graph.url}checkin/shift/${shiftId}/code`, officer)).json()) as { text: string; image: string };
    expect(shiftCode.image).toMatch(/^data:image\/png;base64,/);
    const shift = await graph.query(
      `mutation ($id: ID!, $code: String) { checkInCheckpointShift(id: $id, code: $code) { checkInMethod } }`,
      { id: shiftId, code: shiftCode.text },
      veteran,
    );
    expect(shift.body.data.checkInCheckpointShift.checkInMethod).toBe('QR');
    const activityCode = (await (await fetch(`${graph.url}checkin/activity/${activityId}/code`, officer)).json()) as { text: string };
    const activity = await graph.query(
      `mutation ($id: ID!, $code: String) { checkInVeteranActivity(activityId: $id, code: $code) { checkInMethod veteran { id } } }`,
      { id: activityId, code: activityCode.text },
      veteran,
    );
    expect(activity.body.data.checkInVeteranActivity).toEqual({ checkInMethod: 'QR', veteran: { id: veteranId } });
    // A shift's code is not the activity's.
    const crossed = await graph.query(
      `mutation ($id: ID!, $code: String) { checkOutVeteranActivity(activityId: $id, code: $code) { hours } }`,
      { id: activityId, code: shiftCode.text },
      veteran,
    );
    expect(crossed.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
  });
});
