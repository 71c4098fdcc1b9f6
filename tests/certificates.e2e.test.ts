import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEFAULT_CERTIFICATE_FONT } from '@civic/gateway/src/config';
import type { Browser } from 'playwright-core';
import { startTestGraph, TestGraph } from './harness';
import { describeWithBrowser, haveBrowser, launchChromium } from './chromium';
import { isGraphVolunteerNumber } from '../subgraphs/directory/src/domain/graphVolunteerNumber';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
const OTHER = '350105001001'; // 马尾区罗星街道的另一社区
const DAY = 86_400_000;
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const TODAY = chinaDay(Date.now());
const FROM = chinaDay(Date.now() - 30 * DAY);

const REGISTER = `mutation ($p: ID!, $n: String, $k: String) {
  registerVolunteer(personId: $p, skills: [ERRANDS], availability: [SAT_AM], volunteerNumber: $n, idempotencyKey: $k) { volunteerNumber volunteerNumberKind } }`;
const ISSUE = `mutation ($p: ID!, $from: Date!, $to: Date!, $k: String) {
  issueHoursCertificate(personId: $p, from: $from, to: $to, idempotencyKey: $k) {
    id code holderName from to totalHours hours { source hours } issuedAs status verifyPath } }`;
const REVOKE = `mutation ($c: String!, $r: String!) { revokeHoursCertificate(code: $c, reason: $r) { status revokedAt revocationReason } }`;
const LOOK_UP = `query ($c: String!) { hoursCertificate(code: $c) { code holderName status totalHours } }`;
const MOVE = `mutation ($p: ID!, $c: ID!) { moveVolunteer(personId: $p, communityCode: $c) { community { code } } }`;
const NOTICES = `query ($id: ID!) { person(id: $id) { notices(first: 50) { totalCount edges { node { kind subjectId text source } } } } }`;
const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;
/**
 * The PDF's text as pdf-parse (pdf.js) reads it: in a node process of its own, since
 * pdf.js loads its worker with a dynamic import that jest's CommonJS runtime refuses.
 */
const READ_PDF = `import { PDFParse } from 'pdf-parse';
const chunks = []; for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
process.stdout.write((await parser.getText()).text); await parser.destroy();`;
const pdfText = (pdf: Buffer): string =>
  execFileSync(process.execPath, ['--input-type=module', '-e', READ_PDF], { input: pdf, cwd: __dirname, encoding: 'utf8' }).replace(/\s+/g, '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("volunteers' records: numbers, hours certificates and moves", () => {
  let graph: TestGraph;
  let volunteer: string;
  let officer: string;
  const as = (sub: string) => graph.token(['VOLUNTEER'], XINGANG, sub);
  const page = (path: string, token?: string) => fetch(new URL(path, graph.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** Hours in every subgraph that keeps them: confirmed ones, and pending, open or earlier ones that must not count. */
  async function arrangeHours(personId: string) {
    const at = (daysAgo: number, hour = 0) => new Date(Date.now() - daysAgo * DAY + hour * 3_600_000);
    const care = graph.db('elder-care');
    const [elder] = await care.query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES (gen_random_uuid(), $1) RETURNING id`, [XINGANG]);
    await care.query(
      `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
       VALUES ($1, $2, 'MEAL', 'VOLUNTEER_CLAIM', 'RATED', $3, 2.5, 'DEPOSITED', $4),
              ($1, $2, 'MEAL', 'VOLUNTEER_CLAIM', 'COMPLETED', $3, 1.5, 'PENDING', $4),
              ($1, $2, 'MEAL', 'VOLUNTEER_CLAIM', 'COMPLETED', $3, 3, 'REJECTED', $4),
              ($1, $2, 'MEAL', 'VOLUNTEER_CLAIM', 'RATED', $3, 4, 'DEPOSITED', $5)`,
      [elder.id, XINGANG, personId, at(3), at(60)],
    );
    const stations = graph.db('neighbour-stations');
    const [station] = await stations.query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
       VALUES ('证明测试驿站', 'VOLUNTEER_SERVICE', $1, 26.0, 119.4, '新港社区') RETURNING id`,
      [XINGANG],
    );
    const unit = randomUUID();
    await stations.query(`INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code) VALUES ($1, '证明测试单位', 'ASSOCIATION', $2)`, [
      unit,
      XINGANG,
    ]);
    await stations.query(
      `INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at, claimed_by, claimed_at, on_duty_person_id, checked_in_at, checked_out_at)
       VALUES ($1, $2, $3, 'MORNING', $4, $5, $6, now(), $7, $4, $5), ($1, $2, $8, 'MORNING', $9, $10, $6, now(), $7, $9, NULL)`,
      [station.id, XINGANG, chinaDay(at(5).getTime()), at(5), at(5, 3), unit, personId, chinaDay(at(4).getTime()), at(4), at(4, 3)],
    );
    const veterans = graph.db('veteran-volunteers');
    const [veteran] = await veterans.query(`INSERT INTO veteran_volunteers.veteran (person_id, region_code) VALUES ($1, $2) RETURNING id`, [personId, XINGANG]);
    const [checkpoint] = await veterans.query(`INSERT INTO veteran_volunteers.checkpoint (name, region_code) VALUES ('证明测试卡口', $1) RETURNING id`, [
      XINGANG,
    ]);
    await veterans.query(
      `INSERT INTO veteran_volunteers.shift (checkpoint_id, veteran_id, starts_at, ends_at, checked_in_at, checked_out_at, check_in_method, check_out_method)
       VALUES ($1, $2, $3, $4, $3, $4, 'QR', 'QR'), ($1, $2, $5, $6, $5, NULL, 'QR', NULL)`,
      [checkpoint.id, veteran.id, at(6), at(6, 2), at(2), at(2, 2)],
    );
    const [activity] = await veterans.query(
      `WITH t AS (INSERT INTO veteran_volunteers.veteran_team (name, region_code) VALUES ('证明测试义工队', $1) RETURNING id)
       INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
       SELECT id, $1, '健康义诊', 'HEALTH_CLINIC', $2, $3 FROM t RETURNING id`,
      [XINGANG, at(7), at(7, 2)],
    );
    await veterans.query(`INSERT INTO veteran_volunteers.activity_attendance (activity_id, veteran_id, hours) VALUES ($1, $2, 1.25)`, [
      activity.id,
      veteran.id,
    ]);
  }

  beforeAll(async () => {
    graph = await startTestGraph();
    const [person] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('张小明', 'MALE', '1990-01-02', $1) RETURNING id`, [XINGANG]);
    volunteer = person.id;
    officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    await arrangeHours(volunteer);
  });
  afterAll(() => graph?.stop());

  it("when a volunteer without a national number registers, then they get the graph's own, checkable and marked GRAPH; a national one is NATIONAL", async () => {
    const own = (await graph.query(REGISTER, { p: volunteer, k: 'reg-1' }, officer)).body.data.registerVolunteer;
    expect(own.volunteerNumberKind).toBe('GRAPH');
    expect(isGraphVolunteerNumber(own.volunteerNumber)).toBe(true);

    const [other] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('李四', 'MALE', '1991-01-02', $1) RETURNING id`, [XINGANG]);
    const national = (await graph.query(REGISTER, { p: other.id, n: '35010512345678' }, officer)).body.data.registerVolunteer;
    expect(national).toEqual({ volunteerNumber: '35010512345678', volunteerNumberKind: 'NATIONAL' });
    const forged = await graph.query(REGISTER, { p: other.id, n: own.volunteerNumber }, officer);
    expect(codeOf(forged.body)).toBe('BAD_USER_INPUT');
  });

  let certificate: any;

  it('when the volunteer asks for a certificate, then it sums the confirmed hours of every subgraph only; a replay with the key returns the same one', async () => {
    const token = await as(volunteer);
    const first = await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY, k: 'cert-1' }, token);
    expect(first.body.errors).toBeUndefined();
    certificate = first.body.data.issueHoursCertificate;
    expect(certificate).toMatchObject({ holderName: '张小明', from: FROM, to: TODAY, issuedAs: 'SELF', status: 'VALID', totalHours: 8.75 });
    expect(certificate.hours).toEqual([
      { source: 'TIME_BANK', hours: 2.5 },
      { source: 'STATION_DUTY', hours: 3 },
      { source: 'CHECKPOINT_SHIFTS', hours: 2 },
      { source: 'VETERAN_ACTIVITIES', hours: 1.25 },
    ]);
    expect(certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(certificate.verifyPath).toBe(`/verify/${certificate.code}`);

    const replay = (await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY, k: 'cert-1' }, token)).body.data.issueHoursCertificate;
    expect(replay).toEqual(certificate);
    const [{ n }] = await graph.db('directory').query(`SELECT count(*)::int AS n FROM directory.hours_certificate WHERE person_id = $1`, [volunteer]);
    expect(n).toBe(1);

    const manager = await graph.token(['STATION_MANAGER'], XINGANG, randomUUID());
    const byManager = (await graph.query(ISSUE, { p: volunteer, from: FROM, to: FROM }, manager)).body.data.issueHoursCertificate;
    expect(byManager).toMatchObject({ issuedAs: 'STATION_MANAGER', totalHours: 0 });
    expect(byManager.code).not.toBe(certificate.code);
  });

  it('when someone else, or a station manager of another region, asks, then FORBIDDEN; a bad period is BAD_USER_INPUT', async () => {
    const stranger = await graph.token(['VOLUNTEER'], XINGANG, randomUUID());
    expect(codeOf((await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY }, stranger)).body)).toBe('FORBIDDEN');
    const elsewhere = await graph.token(['STATION_MANAGER'], '350102', randomUUID());
    expect(codeOf((await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY }, elsewhere)).body)).toBe('FORBIDDEN');
    const analyst = await graph.token(['ANALYST'], '35');
    expect(codeOf((await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY }, analyst)).body)).toBe('FORBIDDEN');
    const token = await as(volunteer);
    const reversed = (await graph.query(ISSUE, { p: volunteer, from: TODAY, to: FROM }, token)).body;
    expect(reversed.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    const future = (await graph.query(ISSUE, { p: volunteer, from: FROM, to: chinaDay(Date.now() + 2 * DAY) }, token)).body;
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(codeOf((await graph.query(ISSUE, { p: volunteer, from: '2000-01-01', to: TODAY }, token)).body)).toBe('BAD_USER_INPUT');
  });

  it('when anyone looks the code up, then the name is masked; typed in lower case without dashes it is found too', async () => {
    const typed = certificate.code.replace(/-/g, '').toLowerCase();
    const found = (await graph.query(LOOK_UP, { c: typed })).body.data.hoursCertificate;
    expect(found).toEqual({ code: certificate.code, holderName: '张*明', status: 'VALID', totalHours: 8.75 });
    expect((await graph.query(LOOK_UP, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).body.data.hoursCertificate).toBeNull();

    const MINE = `query ($p: ID!) { volunteer(personId: $p) { hoursCertificates { code issuedAs } } }`;
    const mine = (await graph.query(MINE, { p: volunteer }, await as(volunteer))).body.data.volunteer.hoursCertificates;
    expect(mine.map((c: any) => c.issuedAs)).toEqual(['STATION_MANAGER', 'SELF']);
    expect(mine[1].code).toBe(certificate.code);
    const stranger = await graph.token(['VOLUNTEER'], XINGANG, randomUUID());
    expect((await graph.query(MINE, { p: volunteer }, stranger)).body.data.volunteer.hoursCertificates).toBeNull();

    // Their data report names them (PIPL); the subgraphs' hours fields answer no client, only the directory's call.
    const REPORT = `query ($p: ID!) { personalDataReport(personId: $p) { directory { holds { kind count } } } }`;
    const holds = (await graph.query(REPORT, { p: volunteer }, await as(volunteer))).body.data.personalDataReport.directory.holds;
    expect(holds).toContainEqual({ kind: 'directory.hours_certificate', count: 2 });
    for (const field of ['timeBankServedHours', 'stationDutyServedHours', 'veteranShiftServedHours', 'veteranActivityServedHours']) {
      const direct = await graph.query(
        `query ($p: ID!) { ${field}(personId: $p, from: "${FROM}", to: "${TODAY}") }`,
        { p: volunteer },
        await graph.token(['CITY_ADMIN']),
      );
      expect([field, codeOf(direct.body)]).toEqual([field, 'FORBIDDEN']);
    }
    const managers = await graph.query(`{ stationManagersIn(communityCodes: ["${XINGANG}"]) }`, {}, await graph.token(['CITY_ADMIN']));
    expect(codeOf(managers.body)).toBe('FORBIDDEN');
  });

  const haveFont = existsSync(DEFAULT_CERTIFICATE_FONT.path);
  if (!haveFont) console.warn(`certificate PDF test skipped: no font at ${DEFAULT_CERTIFICATE_FONT.path} (apt-get install fonts-noto-cjk)`);
  (haveFont ? it : it.skip)('when the PDF is fetched, then it is a real PDF that carries the code, the /verify URL and what it certifies', async () => {
    const response = await page(`/certificates/${certificate.code}.pdf`, await as(volunteer));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const flat = pdfText(bytes);
    expect(flat).toContain(certificate.code);
    expect(flat).toContain(`${graph.url.replace(/\/$/, '')}/verify/${certificate.code}`);
    expect(flat).toContain('志愿服务时长证明');
    expect(flat).toContain('张小明');
    expect(flat).toContain('8.75小时');

    const anonymous = await page(`/certificates/${certificate.code}.pdf`);
    const masked = pdfText(Buffer.from(await anonymous.arrayBuffer()));
    expect(masked).toContain('张*明');
    expect(masked).not.toContain('张小明');
    expect((await page('/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ.pdf')).status).toBe(404);
  });

  (haveBrowser ? describeWithBrowser : describe.skip)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it('when /verify/<code> is opened, then it shows valid; once revoked it shows revoked; an unknown code is a 404 page', async () => {
      const tab = await browser.newPage();
      const verify = new URL(certificate.verifyPath, graph.url).toString();
      expect((await tab.goto(verify))!.status()).toBe(200);
      expect(await tab.locator('#verdict').getAttribute('data-status')).toBe('VALID');
      expect(await tab.locator('#verdict').innerText()).toContain('有效');
      expect(await tab.locator('table.facts').innerText()).toContain('张*明');
      expect(await tab.locator('table.facts').innerText()).toContain('8.75 小时');

      const stranger = await graph.token(['VOLUNTEER'], XINGANG, randomUUID());
      expect(codeOf((await graph.query(REVOKE, { c: certificate.code, r: '时长有误' }, stranger)).body)).toBe('FORBIDDEN');
      const revoked = (await graph.query(REVOKE, { c: certificate.code, r: '时长有误' }, officer)).body.data.revokeHoursCertificate;
      expect(revoked).toMatchObject({ status: 'REVOKED', revocationReason: '时长有误' });
      const again = (await graph.query(REVOKE, { c: certificate.code, r: '另一理由' }, officer)).body.data.revokeHoursCertificate;
      expect(again).toEqual(revoked);
      const [row] = await graph.db('directory').query(`SELECT count(*)::int AS n FROM directory.hours_certificate_revocation`);
      expect(row.n).toBe(1);

      expect((await tab.goto(verify))!.status()).toBe(200);
      expect(await tab.locator('#verdict').getAttribute('data-status')).toBe('REVOKED');
      expect(await tab.locator('#verdict').innerText()).toContain('已撤销');

      const unknown = await tab.goto(new URL('/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ', graph.url).toString());
      expect(unknown!.status()).toBe(404);
      expect(await tab.locator('#verdict').getAttribute('data-status')).toBe('NOT_FOUND');
      expect(await tab.locator('h1').innerText()).toContain('未找到');
      await tab.close();
    });
  });

  it('when a volunteer is moved to another community, then they, the station managers and the officers of both sides are told once, and their hours go with them', async () => {
    const stations = graph.db('neighbour-stations');
    const managers: string[] = (
      await graph.db('directory').query(
        `INSERT INTO directory.person (name, gender, birth_date, region_code)
         VALUES ('王站长', 'MALE', '1970-01-02', $1), ('林站长', 'FEMALE', '1972-03-04', $2) RETURNING id`,
        [XINGANG, OTHER],
      )
    ).map((row: { id: string }) => row.id);
    for (const [i, code] of [XINGANG, OTHER].entries()) {
      const [station] = await stations.query(
        `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
         VALUES ($1, 'VOLUNTEER_SERVICE', $2, 26.0, 119.4, '罗星街道') RETURNING id`,
        [`转移测试驿站${i}`, code],
      );
      await stations.query(`INSERT INTO neighbour_stations.station_manager (station_id, person_id) VALUES ($1, $2)`, [station.id, managers[i]]);
    }
    // The old community's appointed officer hears too (directory officer appointments).
    const [{ id: communityOfficer }] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('郑社工', 'FEMALE', '1985-06-07', $1) RETURNING id`, [XINGANG]);
    const appointed = await graph.query(
      `mutation ($p: ID!, $r: ID!) { appointOfficer(personId: $p, regionCode: $r) { id } }`,
      { p: communityOfficer, r: XINGANG },
      await graph.token(['CITY_ADMIN'], '35'),
    );
    expect(appointed.body.errors).toBeUndefined();
    const moved = await graph.query(MOVE, { p: volunteer, c: OTHER }, officer);
    expect(moved.body.data.moveVolunteer.community.code).toBe(OTHER);

    const feedOf = async (person: string) =>
      (await graph.query(NOTICES, { id: person }, await graph.token(['VOLUNTEER'], OTHER, person))).body.data.person.notices.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'VOLUNTEER_TRANSFERRED');
    for (let i = 0; i < 60 && (await Promise.all([volunteer, ...managers, communityOfficer].map(feedOf))).some((feed) => feed.length === 0); i++)
      await sleep(250);
    await sleep(2_500); // one more period of the relay: nothing more may arrive
    const [own, oldSide, newSide, officerSide] = await Promise.all([volunteer, ...managers, communityOfficer].map(feedOf));
    expect(officerSide).toHaveLength(1);
    expect(own).toEqual([expect.objectContaining({ subjectId: volunteer, source: 'directory' })]);
    expect(own[0].text).toContain('服务记录和时长随档案一并转移');
    expect(oldSide).toHaveLength(1);
    expect(newSide).toHaveLength(1);
    expect(newSide[0].text).toContain('张小明');

    // The same move again changes nothing and tells nobody.
    await graph.query(MOVE, { p: volunteer, c: OTHER }, officer);
    await sleep(2_500);
    expect(await feedOf(volunteer)).toHaveLength(1);

    const after = (await graph.query(ISSUE, { p: volunteer, from: FROM, to: TODAY }, officer)).body.data.issueHoursCertificate;
    expect(after.totalHours).toBe(8.75);
  });
});
