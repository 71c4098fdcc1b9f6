import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startTestGraph, TestGraph } from './harness';

/**
 * Issue 14.2, a person's rights over their data (PIPL Art. 44-47), through the gateway
 * on the seeded demo graph: the person reads the report every subgraph adds its part
 * to, and the read is logged; an officer of another district is refused; the person
 * is erased, their identifying fields are gone from the directory's row, and every
 * total and ledger balance is what it was, their requests still resolving.
 */
describe("a person's data report and erasure", () => {
  let graph: TestGraph;
  let admin: Client;
  /** a volunteer of 马尾区 who served requests and holds a time bank account */
  let personId: string;
  let regionCode: string;
  let requestId: string;
  /** an elder of 马尾区 */
  let elderPersonId: string;
  let elderId: string;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, subgraphTimeoutMs: 30_000 });
    admin = new Client({ connectionString: graph.database.url });
    await admin.connect();
    const [served] = (
      await admin.query(`
        SELECT r.volunteer_person_id AS person_id, p.region_code, min(r.id::text) AS request_id
        FROM elder_care.service_request r
        JOIN elder_care.time_bank_account a ON a.person_id = r.volunteer_person_id
        JOIN directory.person p ON p.id = r.volunteer_person_id
        WHERE p.region_code LIKE '350105%' AND p.phone IS NOT NULL
          AND EXISTS (SELECT 1 FROM elder_care.time_bank_transfer t WHERE a.id IN (t.debit_account_id, t.credit_account_id))
        GROUP BY 1, 2 ORDER BY 1 LIMIT 1`)
    ).rows;
    ({ person_id: personId, region_code: regionCode, request_id: requestId } = served);
    const [elder] = (
      await admin.query(`SELECT e.id, e.person_id FROM elder_care.elder e JOIN directory.person p ON p.id = e.person_id
        WHERE p.region_code LIKE '350105%' ORDER BY e.id LIMIT 1`)
    ).rows;
    ({ id: elderId, person_id: elderPersonId } = elder);
  }, 600_000);
  afterAll(async () => {
    await admin?.end();
    await graph?.stop();
  });

  const REPORT = `query MyData($id: ID!) {
    personalDataReport(personId: $id) {
      personId regionCode person { name phone erased }
      directory { fields holds { kind count } reads { totalCount edges { node { fields operation requestId } } } }
      elderCare { holds { kind count } elder { id } reads { totalCount } }
      veterans { holds { kind count } veteran { id } reads { totalCount } }
      stations { holds { kind count } }
      assessments { holds { kind count } }
    } }`;
  const count = (holds: { kind: string; count: number }[], kind: string) => holds.find((h) => h.kind === kind)?.count;

  it('when a person reads their own report, then every subgraph answers its part and the read is logged', async () => {
    const self = await graph.token(['VOLUNTEER'], regionCode.slice(0, 9), personId);
    const { body } = await graph.query(REPORT, { id: personId }, self);
    expect(body.errors).toBeUndefined();
    const report = body.data.personalDataReport;
    expect(report).toMatchObject({ personId, regionCode, person: { erased: false } });
    expect(report.person.phone).toMatch(/^1\d{10}$/); // their own, whole
    expect(report.directory.fields).toEqual(expect.arrayContaining(['name', 'gender', 'birthDate', 'phone', 'idNumber', 'homeCommunity']));
    expect(count(report.directory.holds, 'directory.person')).toBe(1);
    expect(count(report.elderCare.holds, 'elder_care.time_bank_account')).toBe(1);
    expect(count(report.elderCare.holds, 'elder_care.service_request.volunteer_person_id')).toBeGreaterThan(0);
    expect(count(report.elderCare.holds, 'elder_care.time_bank_transfer')).toBeGreaterThan(0);
    expect(report.veterans.holds.map((h: { kind: string }) => h.kind)).toContain('veteran_volunteers.veteran');
    expect(report.stations.holds.map((h: { kind: string }) => h.kind)).toContain('neighbour_stations.station_order.volunteer_id');
    expect(report.assessments.holds.map((h: { kind: string }) => h.kind)).toContain('assessments.assessment.assessor_id');

    // this very read is in the directory's log, and so in the report it returned
    const own = report.directory.reads.edges.map((e: { node: { fields: string[]; operation: string } }) => e.node);
    expect(own).toContainEqual(expect.objectContaining({ fields: ['dataReport'], operation: 'MyData' }));
    const { rows } = await admin.query(
      `SELECT actor, fields, request_id FROM directory.personal_data_access WHERE person_id = $1 AND 'dataReport' = ANY(fields)`,
      [personId],
    );
    expect(rows).toEqual([expect.objectContaining({ actor: personId, fields: ['dataReport'] })]);
    expect(rows[0].request_id).toEqual(expect.any(String));
  });

  it("when an officer of the elder's district reads an elder's report, then elder care's part and its log name the read", async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105', randomUUID());
    const { body } = await graph.query(REPORT, { id: elderPersonId }, officer);
    expect(body.errors).toBeUndefined();
    expect(body.data.personalDataReport.elderCare.elder).toEqual({ id: elderId });
    expect(count(body.data.personalDataReport.elderCare.holds, 'elder_care.elder')).toBe(1);
    const { rows } = await admin.query(`SELECT fields FROM elder_care.care_data_access WHERE elder_id = $1 AND 'dataReport' = ANY(fields)`, [elderId]);
    expect(rows).toHaveLength(1);
    // the part's reads are the log's rows about this elder, the report's read among them
    const again = await graph.query(REPORT, { id: elderPersonId }, officer);
    expect(again.body.data.personalDataReport.elderCare.reads.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('when an officer of another district, an analyst or another volunteer asks, then the report and the erasure are FORBIDDEN', async () => {
    const elsewhere = await graph.token(['DISTRICT_OFFICER'], '350102', randomUUID());
    const analyst = await graph.token(['ANALYST'], '35', randomUUID());
    const neighbour = await graph.token(['VOLUNTEER'], regionCode.slice(0, 9), randomUUID());
    for (const token of [elsewhere, analyst, neighbour]) {
      const read = await graph.query(REPORT, { id: personId }, token);
      expect(read.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(read.body.data?.personalDataReport ?? null).toBeNull();
      const erase = await graph.query(`mutation Erase($id: ID!) { erasePerson(personId: $id) { id } }`, { id: personId }, token);
      expect(erase.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const { rows } = await admin.query(`SELECT erased_at FROM directory.person WHERE id = $1`, [personId]);
    expect(rows[0].erased_at).toBeNull();
  });

  const TOTALS = `query Totals {
    mawei: region(code: "350105") {
      elderCare { elders openRequests completedServices hoursDeposited openingHours }
      veterans { veterans teams activities volunteerHours shifts }
      stationStats { stations openOrders }
      assessmentSummary { assessments averageScore }
    }
    fujian: region(code: "35") { elderCare { elders openRequests completedServices hoursDeposited } veterans { veterans volunteerHours } }
  }`;
  const LEDGER = `SELECT a.id, a.person_id,
      coalesce((SELECT sum(hours) FROM elder_care.time_bank_transfer t WHERE t.credit_account_id = a.id), 0)
    - coalesce((SELECT sum(hours) FROM elder_care.time_bank_transfer t WHERE t.debit_account_id = a.id), 0) AS balance
    FROM elder_care.time_bank_account a ORDER BY a.id`;

  it('when the person erases themselves, then their identifying data is gone, every total and balance is unchanged, and their requests still resolve', async () => {
    const cityAdmin = await graph.token(['CITY_ADMIN'], '35', randomUUID());
    const self = await graph.token(['VOLUNTEER'], regionCode.slice(0, 9), personId);
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105', randomUUID());
    const totalsBefore = await graph.query(TOTALS, {}, cityAdmin);
    expect(totalsBefore.body.errors).toBeUndefined();
    const ledgerBefore = (await admin.query(LEDGER)).rows;
    const accountBefore = await graph.query(`query Account($id: ID!) { person(id: $id) { timeBank { balance totalDeposited } } }`, { id: personId }, self);
    const [before] = (await admin.query(`SELECT birth_date::text FROM directory.person WHERE id = $1`, [personId])).rows;

    const ERASE = `mutation Erase($id: ID!, $key: String) {
      erasePerson(personId: $id, idempotencyKey: $key) { id name erased erasedAt phone idNumber birthDate age } }`;
    const erased = await graph.query(ERASE, { id: personId, key: `erase-${randomUUID()}` }, self);
    expect(erased.body.errors).toBeUndefined();
    expect(erased.body.data.erasePerson).toMatchObject({ id: personId, name: '已删除', erased: true, phone: null, idNumber: null, birthDate: null });
    expect(erased.body.data.erasePerson.erasedAt).toEqual(expect.any(String));

    // the row itself: a tombstone keeping the id, gender, home community and year of birth
    const [row] = (
      await admin.query(
        `SELECT p.name, p.phone, p.birth_date, p.birth_year, p.id_number_sealed, p.id_number_digest, p.erased_at, p.region_code, p.gender,
                v.volunteer_number
         FROM directory.person p LEFT JOIN directory.volunteer v ON v.person_id = p.id WHERE p.id = $1`,
        [personId],
      )
    ).rows;
    expect(row).toMatchObject({
      name: '已删除',
      phone: null,
      birth_date: null,
      id_number_sealed: null,
      id_number_digest: null,
      volunteer_number: null,
      region_code: regionCode,
    });
    expect(row.birth_year).toBe(Number(before.birth_date.slice(0, 4)));
    expect(row.erased_at).toBeInstanceOf(Date);

    // every total and every balance as before
    expect((await graph.query(TOTALS, {}, cityAdmin)).body).toEqual(totalsBefore.body);
    expect((await admin.query(LEDGER)).rows).toEqual(ledgerBefore);
    expect((await graph.query(`query Account($id: ID!) { person(id: $id) { timeBank { balance totalDeposited } } }`, { id: personId }, self)).body).toEqual(
      accountBefore.body,
    );

    // a request they served still resolves, naming them as erased
    const served = await graph.query(
      `query Served($id: ID!) { serviceRequest(id: $id) { id status volunteer { id name erased phone } history { status } } }`,
      { id: requestId },
      cityAdmin,
    );
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data.serviceRequest.volunteer).toEqual({ id: personId, name: '已删除', erased: true, phone: null });
    expect(served.body.data.serviceRequest.history.length).toBeGreaterThan(0);

    // a second erasure (an officer's, without a key) returns the tombstone as it is; the erasure was logged once
    const again = await graph.query(ERASE, { id: personId }, officer);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.erasePerson.erasedAt).toBe(erased.body.data.erasePerson.erasedAt);
    const logged = await admin.query(`SELECT actor FROM directory.personal_data_access WHERE person_id = $1 AND fields = '{erased}'`, [personId]);
    expect(logged.rows).toEqual([{ actor: personId }]);

    // nothing new is recorded about an erased person
    const corrected = await graph.query(`mutation { updatePerson(id: "${personId}", name: "张三") { id } }`, {}, officer);
    expect(corrected.body.errors?.[0].extensions.code).toBe('CONFLICT');

    // the report still answers, now holding no identifying field
    const report = await graph.query(REPORT, { id: personId }, officer);
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data.personalDataReport.directory.fields).toEqual(['gender', 'birthYear', 'homeCommunity']);
  });

  it('when an unknown person is erased, then NOT_FOUND; their report is null', async () => {
    const cityAdmin = await graph.token(['CITY_ADMIN'], '35', randomUUID());
    const unknown = randomUUID();
    const erase = await graph.query(`mutation Erase($id: ID!) { erasePerson(personId: $id) { id } }`, { id: unknown }, cityAdmin);
    expect(erase.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const read = await graph.query(REPORT, { id: unknown }, cityAdmin);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.personalDataReport).toBeNull();
  });

  it('when an elder and a veteran are erased, then the free text other subgraphs kept beside their ids is gone too', async () => {
    const cityAdmin = await graph.token(['CITY_ADMIN'], '35', randomUUID());
    // arrange, as each subgraph's own role: notes about the elder, an order they placed, a story a veteran narrated
    await graph.db('elder-care').query(`UPDATE elder_care.elder SET care_note = '林阿姨独居，女儿在厦门' WHERE id = $1`, [elderId]);
    await graph
      .db('elder-care')
      .query(
        `UPDATE elder_care.service_request SET note = '请先打电话给林阿姨' WHERE id = (SELECT min(id::text)::uuid FROM elder_care.service_request WHERE elder_id = $1)`,
        [elderId],
      );
    const [[order]] = await graph
      .db('neighbour-stations')
      .query(
        `UPDATE neighbour_stations.station_order SET resident_id = $1, note = '林阿姨家住三楼' WHERE id = (SELECT min(id::text)::uuid FROM neighbour_stations.station_order) RETURNING id`,
        [elderPersonId],
      );
    const [veteran] = (await admin.query(`SELECT id, person_id FROM veteran_volunteers.veteran ORDER BY id LIMIT 1`)).rows;
    const [story] = await graph.db('veteran-volunteers').query(
      `INSERT INTO veteran_volunteers.story (title, narrator, narrator_veteran_id, body, region_code)
       SELECT '陈建国的军旅岁月', '陈建国', v.id, '1985年，陈建国参军入伍。', v.region_code FROM veteran_volunteers.veteran v WHERE v.id = $1 RETURNING id`,
      [veteran.id],
    );

    const ERASE = `mutation Erase($id: ID!) { erasePerson(personId: $id) { erased } }`;
    for (const id of [elderPersonId, veteran.person_id]) {
      const erased = await graph.query(ERASE, { id }, cityAdmin);
      expect(erased.body).toEqual({ data: { erasePerson: { erased: true } } });
    }
    const [elder] = (await admin.query(`SELECT care_note FROM elder_care.elder WHERE id = $1`, [elderId])).rows;
    expect(elder.care_note).toBeNull();
    const notes = await admin.query(`SELECT note FROM elder_care.service_request WHERE elder_id = $1 AND note IS NOT NULL`, [elderId]);
    expect(notes.rows).toEqual([]);
    const [placed] = (await admin.query(`SELECT resident_id, note FROM neighbour_stations.station_order WHERE id = $1`, [order.id])).rows;
    expect(placed).toEqual({ resident_id: elderPersonId, note: null });
    const [told] = (await admin.query(`SELECT narrator, title, body FROM veteran_volunteers.story WHERE id = $1`, [story.id])).rows;
    expect(told).toEqual({ narrator: '已删除', title: '已删除的军旅岁月', body: '1985年，已删除参军入伍。' });

    // the parts answer the directory alone: a client calling one is refused
    const direct = await graph.query(`mutation { eraseElderCareCopies(personId: "${elderPersonId}") }`, {}, cityAdmin);
    expect(direct.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('when the columns of every other subgraph are scanned, then none holds a name, phone, ID number or date of birth of a person', async () => {
    const { rows } = await admin.query(`
      SELECT c.table_schema || '.' || c.table_name || '.' || c.column_name AS column
      FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ('elder_care', 'veteran_volunteers', 'neighbour_stations', 'assessments', 'elder_canteens')
        AND c.column_name ~ '(^|_)(name|surname|phone|mobile|tel|id_number|id_card|birth|birthday|address|email|wechat|contact|narrator)(_|$)'
      ORDER BY 1`);
    // what matches names a thing or a place, never a person, except where said
    expect(rows.map((r: { column: string }) => r.column)).toEqual([
      'assessments.migrations.name', // TypeORM's
      'assessments.template.name',
      'assessments.template_item.name',
      'elder_canteens.canteen.address',
      'elder_canteens.canteen.name',
      'elder_canteens.migrations.name',
      'elder_care.elder.emergency_contact_person_id', // an id: the contact's data is the directory's
      'elder_care.elder.emergency_contact_relationship', // 儿子, 女儿: a relationship, not the contact
      'elder_care.migrations.name',
      'elder_care.service_team.name',
      'neighbour_stations.community_centre.name',
      'neighbour_stations.duty_unit.name', // an organisation's
      'neighbour_stations.migrations.name',
      'neighbour_stations.station.address',
      'neighbour_stations.station.name',
      'neighbour_stations.station_team.name',
      'veteran_volunteers.checkpoint.name',
      'veteran_volunteers.honour_hall.name',
      'veteran_volunteers.migrations.name',
      'veteran_volunteers.service_point.name',
      'veteran_volunteers.story.narrator', // a name as printed: eraseVeteranCopies replaces it (the test above)
      'veteran_volunteers.story.narrator_veteran_id',
      'veteran_volunteers.veteran_team.name',
    ]);
  });
});
