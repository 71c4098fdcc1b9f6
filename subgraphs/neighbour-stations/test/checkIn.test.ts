import { checkInCodes } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { caller, insertSlot, insertStation, insertUnit, newId } from './arrange';

const HOUR = 3_600_000;
const STAMP = (what: string) => `mutation ($id: ID!, $code: String) {
  ${what}(id: $id, code: $code) { checkedInAt checkedOutAt checkInMethod checkInRecordedBy { id } checkOutMethod checkOutRecordedBy { id } hours noShow } }`;
const NO_SHOW = `mutation ($id: ID!) { markDutySlotNoShow(id: $id) { noShow checkedInAt } }`;
const CODE = `query ($id: ID!) { stationCheckInCode(stationId: $id) { text validUntil } }`;
const NO_SHOWS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id dutyNoShows } } }`;

describe('checking in at a station (QR codes, by hand, no-shows)', () => {
  let graph: SubgraphHarness;
  const managerId = newId();
  const manager = caller(managerId, ['STATION_MANAGER'], '350504');
  const volunteer = caller(newId(), ['VOLUNTEER'], '350504');
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  /** A station with one slot claimed for the volunteer, the shift at the hours given (relative to now). */
  async function slotOnDuty(startsIn: number, endsIn: number, station?: string) {
    const stationId = station ?? (await insertStation(graph.db, { managers: [managerId] }));
    const unit = await insertUnit(graph.db, 'GOVERNMENT_UNIT', '350504', [volunteer.sub as string]);
    const now = Date.now();
    const slotId = await insertSlot(graph.db, stationId, {
      date: new Date(now + startsIn * HOUR).toISOString().slice(0, 10),
      // A second slot of the same station can fall on the same date: it takes the other half.
      half: station ? 'AFTERNOON' : 'MORNING',
      startsAt: new Date(now + startsIn * HOUR),
      endsAt: new Date(now + endsIn * HOUR),
      claimedBy: unit,
      onDuty: volunteer.sub as string,
    });
    return { stationId, slotId };
  }
  const codeOf = (stationId: string, at = Date.now()) => checkInCodes(graph.secret, () => at).issue({ kind: 'STATION', id: stationId }).text;
  const errorOf = (body: any) => body.errors?.[0]?.extensions;

  it("when the station's staff ask for its code, then they get the one the volunteer's check-in takes; nobody else gets it", async () => {
    const { stationId, slotId } = await slotOnDuty(-1, 2);
    expect(errorOf((await graph.query(CODE, { id: stationId })).body).code).toBe('UNAUTHENTICATED');
    expect(errorOf((await graph.query(CODE, { id: stationId }, volunteer)).body).code).toBe('FORBIDDEN');
    expect(errorOf((await graph.query(CODE, { id: stationId }, caller(newId(), ['STATION_MANAGER'], '350504'))).body).code).toBe('FORBIDDEN');
    expect((await graph.query(CODE, { id: newId() }, manager)).body.data.stationCheckInCode).toBeNull();
    const { text, validUntil } = (await graph.query(CODE, { id: stationId }, manager)).body.data.stationCheckInCode;
    expect(Date.parse(validUntil)).toBeGreaterThan(Date.now() - 1000);
    const { body } = await graph.query(STAMP('checkInDutySlot'), { id: slotId, code: text }, volunteer);
    expect(body.data.checkInDutySlot).toMatchObject({ checkInMethod: 'QR', checkInRecordedBy: { id: volunteer.sub } });
  });

  it("when the code is older than two steps, another station's, or not a code, then BAD_USER_INPUT naming code and nothing is recorded", async () => {
    const { slotId, stationId } = await slotOnDuty(-1, 2);
    const elsewhere = await insertStation(graph.db);
    for (const code of [codeOf(stationId, Date.now() - 95_000), codeOf(elsewhere), 'CIVIC-CHECKIN:STATION:nonsense', '12345678']) {
      const { body } = await graph.query(STAMP('checkInDutySlot'), { id: slotId, code }, volunteer);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
    }
    const [row] = await graph.db.query(`SELECT checked_in_at FROM neighbour_stations.duty_slot WHERE id = $1`, [slotId]);
    expect(row.checked_in_at).toBeNull();
    // Two steps old is still taken: the time to scan and send it.
    const { body } = await graph.query(STAMP('checkInDutySlot'), { id: slotId, code: codeOf(stationId, Date.now() - 60_000) }, volunteer);
    expect(body.data.checkInDutySlot.checkInMethod).toBe('QR');
  });

  it('when the person on duty sends no code, then they are asked for it; the staff check them in and out by hand, recorded as such', async () => {
    const { slotId, stationId } = await slotOnDuty(-1, 2);
    expect(errorOf((await graph.query(STAMP('checkInDutySlot'), { id: slotId }, volunteer)).body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
    const stranger = caller(newId(), ['VOLUNTEER'], '350504');
    expect(errorOf((await graph.query(STAMP('checkInDutySlot'), { id: slotId }, stranger)).body)).toMatchObject({ code: 'FORBIDDEN', rule: 'checkInByHand' });
    const otherManager = caller(newId(), ['STATION_MANAGER'], '350504');
    expect(errorOf((await graph.query(STAMP('checkInDutySlot'), { id: slotId }, otherManager)).body).code).toBe('FORBIDDEN');
    const checkedIn = (await graph.query(STAMP('checkInDutySlot'), { id: slotId }, manager)).body.data.checkInDutySlot;
    expect(checkedIn).toMatchObject({ checkInMethod: 'BY_HAND', checkInRecordedBy: { id: managerId }, hours: null });
    const out = (await graph.query(STAMP('checkOutDutySlot'), { id: slotId }, manager)).body.data.checkOutDutySlot;
    expect(out).toMatchObject({ checkOutMethod: 'BY_HAND', checkOutRecordedBy: { id: managerId } });
    // The rota is public; who recorded a check-in is shown to the person on duty and the staff only.
    const day = new Date(Date.now() - HOUR).toISOString().slice(0, 10);
    const LIST = `query ($id: ID!, $day: Date!) { dutySlots(stationId: $id, from: $day, to: $day) { id checkInMethod checkInRecordedBy { id } } }`;
    const seen = async (who?: typeof volunteer) =>
      ((await graph.query(LIST, { id: stationId, day }, who)).body.data.dutySlots as any[]).find((s) => s.id === slotId);
    expect(await seen()).toMatchObject({ checkInMethod: 'BY_HAND', checkInRecordedBy: null });
    expect(await seen(stranger)).toMatchObject({ checkInRecordedBy: null });
    expect(await seen(volunteer)).toMatchObject({ checkInRecordedBy: { id: managerId } });
  });

  it('when a volunteer checks in and out, then the hours are those between the two times', async () => {
    const { slotId } = await slotOnDuty(-1, 2);
    await graph.db.query(
      `UPDATE neighbour_stations.duty_slot SET checked_in_at = now() - interval '150 minutes', check_in_method = 'QR', check_in_by = $2 WHERE id = $1`,
      [slotId, volunteer.sub],
    );
    const out = (await graph.query(STAMP('checkOutDutySlot'), { id: slotId }, manager)).body.data.checkOutDutySlot;
    expect(out.hours).toBeCloseTo(2.5, 1);
  });

  it('when nobody came, then the staff mark a no-show after the shift, and it is counted for the volunteer', async () => {
    const ahead = await slotOnDuty(-1, 2);
    expect(errorOf((await graph.query(NO_SHOW, { id: ahead.slotId }, manager)).body).code).toBe('CONFLICT');
    const past = await slotOnDuty(-5, -2, ahead.stationId);
    expect(errorOf((await graph.query(NO_SHOW, { id: past.slotId }, volunteer)).body).code).toBe('FORBIDDEN');
    expect(errorOf((await graph.query(NO_SHOW, { id: past.slotId }, caller(newId(), ['STATION_MANAGER'], '350504'))).body)).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'stationStaff',
    });
    expect((await graph.query(NO_SHOW, { id: past.slotId }, manager)).body.data.markDutySlotNoShow).toEqual({ noShow: true, checkedInAt: null });
    // Marking again returns it, and it is counted once.
    expect((await graph.query(NO_SHOW, { id: past.slotId }, manager)).body.data.markDutySlotNoShow.noShow).toBe(true);
    const reps = { reps: [{ __typename: 'Person', id: volunteer.sub }] };
    expect((await graph.query(NO_SHOWS, reps, volunteer)).body.data._entities).toEqual([{ id: volunteer.sub, dutyNoShows: 1 }]);
    expect((await graph.query(NO_SHOWS, reps, caller(newId(), ['DISTRICT_OFFICER'], '350504'))).body.data._entities[0].dutyNoShows).toBe(1);
    expect((await graph.query(NO_SHOWS, reps, caller(newId(), ['DISTRICT_OFFICER'], '350100'))).body.data._entities[0].dutyNoShows).toBe(0);
    expect((await graph.query(NO_SHOWS, reps, caller(newId(), ['VOLUNTEER'], '350504'))).body.data._entities[0].dutyNoShows).toBeNull();
  });

  it('when the volunteer checked in, then no no-show can be marked', async () => {
    const { slotId, stationId } = await slotOnDuty(-1, 2);
    await graph.query(STAMP('checkInDutySlot'), { id: slotId, code: codeOf(stationId) }, volunteer);
    await graph.db.query(`UPDATE neighbour_stations.duty_slot SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [
      slotId,
    ]);
    expect(errorOf((await graph.query(NO_SHOW, { id: slotId }, manager)).body).code).toBe('CONFLICT');
  });
});
