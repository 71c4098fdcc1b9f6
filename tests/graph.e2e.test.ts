import { createServer, Server } from 'node:net';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';
import { idNumberCipher } from '@civic/directory/src/domain/idNumberCipher';
import { directoryConfig } from '@civic/directory/src/config';

const cipher = idNumberCipher(directoryConfig().dataKey);

const DASHBOARD = `query ($code: ID!) {
  region(code: $code) {
    name level
    elderCare { elders openRequests completedServices hoursDeposited }
    veterans { veterans teams activities }
    stationStats { stations certified openOrders }
    assessmentSummary { assessments averageScore }
    children { code name elderCare { elders } stationStats { stations certified } }
  }
}`;

/** Rows in every domain, in 马尾区 (350105) and, as a control, in 洛江区 (350504). */
async function arrangeDomainRows(graph: TestGraph) {
  // Each elder has an open request and a completed one whose 2.5 hours were confirmed: issued from the city's
  // issuing account to its volunteer (elder care's books are double-entry).
  const elderCare = graph.db('elder-care');
  const done: { id: string; region_code: string; volunteer: string }[] = await elderCare.query(`
    WITH e AS (
      INSERT INTO elder_care.elder (person_id, region_code)
      SELECT gen_random_uuid(), code FROM unnest(ARRAY['350105001001', '350105001002', '350105101210', '350504001001']) AS code
      RETURNING id, region_code)
    INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
    SELECT id, region_code, 'MEAL', 'VOLUNTEER_CLAIM', s.status, CASE WHEN s.done THEN gen_random_uuid() END, CASE WHEN s.done THEN 2.5 END,
           CASE WHEN s.done THEN 'DEPOSITED' END, CASE WHEN s.done THEN now() END
    FROM e CROSS JOIN (VALUES ('OPEN', false), ('COMPLETED', true)) AS s(status, done)
    RETURNING id, region_code, volunteer_person_id AS volunteer`);
  for (const request of done.filter((r) => r.volunteer)) {
    await elderCare.query(
      `WITH issuing AS (INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', left($2, 4))
                        ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO UPDATE SET kind = EXCLUDED.kind RETURNING id),
            holder AS (INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) VALUES ('PERSON', $3, $2) RETURNING id)
       INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id)
       SELECT 'DEPOSIT', issuing.id, holder.id, 2.5, $1 FROM issuing, holder`,
      [request.id, request.region_code, request.volunteer],
    );
  }
  await graph.db('veteran-volunteers').query(`
    WITH t AS (INSERT INTO veteran_volunteers.veteran_team (name, region_code) VALUES ('红色义工队', '350105102227') RETURNING id)
    INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
    SELECT id, '350105102227', '健康义诊', 'HEALTH_CLINIC', now(), now() + interval '2 hours' FROM t`);
  const stations: { id: string; region_code: string }[] = await graph.db('neighbour-stations').query(`
    INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude)
    VALUES ('新港社区驿站', 'VOLUNTEER_SERVICE', '350105001001', 26.0, 119.45),
           ('闽江村驿站', 'MUTUAL_AID', '350105102227', 26.1, 119.6),
           ('洛阳桥驿站', 'VOLUNTEER_SERVICE', '350504001001', 24.95, 118.68)
    RETURNING id, region_code`);
  await graph
    .db('neighbour-stations')
    .query(`INSERT INTO neighbour_stations.station_order (station_id, region_code, help) VALUES ($1, $2, 'ELDERLY')`, [
      stations[0].id,
      stations[0].region_code,
    ]);
  await graph
    .db('assessments')
    .query(`INSERT INTO assessments.certification (station_id, region_code, certified_at) VALUES ($1, $2, now())`, [stations[0].id, stations[0].region_code]);
  // Rows as the assessments subgraph stores them, on the station template it loads at start.
  await graph.db('assessments').query(`
    INSERT INTO assessments.assessment (template_id, period, subject_type, subject_id, region_code, kind, status, total_score, submitted_at, finalized_at)
    SELECT t.id, '2026', v.* FROM (SELECT id FROM assessments.template WHERE subject_type = 'STATION' ORDER BY version DESC LIMIT 1) t,
      (VALUES ('STATION', 'a', '350105001001', 'ROUTINE', 'FINAL', 88, now(), now()),
              ('STATION', 'b', '350105102227', 'SPOT_CHECK', 'SUBMITTED', 72, now(), NULL::timestamptz),
              ('STATION', 'c', '350105102227', 'ROUTINE', 'DRAFT', 10, NULL::timestamptz, NULL::timestamptz)) AS v`);
}

describe('the federated graph through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
    await arrangeDomainRows(graph);
  });
  afterAll(() => graph.stop());

  it('when asked for 马尾区, then the directory answers with its four streets and towns', async () => {
    const { status, body } = await graph.query(`{ region(code: "350105") { name level children { name } } }`);
    expect(status).toBe(200);
    expect(body.data.region.name).toBe('马尾区');
    expect(body.data.region.level).toBe('DISTRICT');
    expect(body.data.region.children.map((c: any) => c.name).sort()).toEqual(['亭江镇', '琅岐镇', '罗星街道', '马尾镇'].sort());
  });

  // The figures are the test's subject: asked as a city administrator, who sees them exact (small counts and all).
  const exactly = () => graph.token(['CITY_ADMIN'], '35');

  it('when a dashboard asks across every domain in one query, then each subgraph contributes its statistics', async () => {
    const { body } = await graph.query(DASHBOARD, { code: '350105' }, await exactly());
    expect(body.errors).toBeUndefined();
    expect(body.data.region).toMatchObject({
      elderCare: { elders: 3, openRequests: 3, completedServices: 3, hoursDeposited: 7.5 },
      veterans: { veterans: 0, teams: 1, activities: 1 },
      stationStats: { stations: 2, certified: 1, openOrders: 1 },
      assessmentSummary: { assessments: 2, averageScore: 80 },
    });
    const street = body.data.region.children.find((c: any) => c.code === '350105001');
    expect(street).toMatchObject({ elderCare: { elders: 2 }, stationStats: { stations: 1, certified: 1 } });
    const town = body.data.region.children.find((c: any) => c.code === '350105102');
    expect(town).toMatchObject({ elderCare: { elders: 0 }, stationStats: { stations: 1, certified: 0 } });
  });

  it('when the province is asked, then its statistics include every district below it', async () => {
    const { body } = await graph.query(DASHBOARD, { code: '35' }, await exactly());
    expect(body.data.region.elderCare.elders).toBe(4);
    expect(body.data.region.stationStats.stations).toBe(3);
  });

  it('when the region code is unknown, then region is null; when malformed, then BAD_USER_INPUT', async () => {
    expect((await graph.query(DASHBOARD, { code: '359999' })).body).toEqual({ data: { region: null } });
    const { body } = await graph.query(DASHBOARD, { code: 'Mawei' });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  describe('callers', () => {
    const PERSON = `query ($id: ID!) { person(id: $id) { name phone idNumber } }`;
    let personId: string;
    beforeAll(async () => {
      [{ id: personId }] = await graph.db('directory').query(
        `INSERT INTO directory.person (name, gender, birth_date, phone, id_number_sealed, id_number_digest, region_code)
         VALUES ('陈建国', 'MALE', '1950-05-04', '13900001111', $1, $2, '350105001001') RETURNING id`,
        [cipher.encrypt('35010519500504003X'), cipher.digest('35010519500504003X')],
      );
    });

    it('when a token is valid, then the gateway hands the identity to the subgraph that owns the data', async () => {
      const anonymous = await graph.query(PERSON, { id: personId });
      expect(anonymous.body.data.person).toBeNull();
      expect(anonymous.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const analyst = await graph.query(PERSON, { id: personId }, await graph.token(['ANALYST'], '35'));
      expect(analyst.body.data.person.phone).toBe('139****1111');
      const officer = await graph.query(PERSON, { id: personId }, await graph.token(['DISTRICT_OFFICER'], '350105'));
      expect(officer.body.data.person).toEqual({ name: '陈建国', phone: '13900001111', idNumber: '35010519500504003X' });
    });

    it('when a person reads their own record, then it is whole; another volunteer sees it masked', async () => {
      const own = await graph.query(PERSON, { id: personId }, await graph.token(['VOLUNTEER'], '350105001001', personId));
      expect(own.body.data.person.phone).toBe('13900001111');
      const other = await graph.query(PERSON, { id: personId }, await graph.token(['VOLUNTEER'], '350105001001'));
      expect(other.body.data.person.phone).toBe('139****1111');
    });

    it('when personal data is read whole, then a city administrator finds the read in the access log', async () => {
      const officer = await graph.token(['DISTRICT_OFFICER'], '350105', 'e0000000-0000-4000-8000-0000000000aa');
      await graph.query(`query CaseFile($id: ID!) { person(id: $id) { idNumber } }`, { id: personId }, officer);
      const LOG = `query ($id: ID) { personalDataAccessLog(personId: $id, first: 1) { edges { node { actor fields operation person { name } } } } }`;
      const { body } = await graph.query(LOG, { id: personId }, await graph.token(['CITY_ADMIN'], '35'));
      expect(body.data.personalDataAccessLog.edges[0].node).toEqual({
        actor: 'e0000000-0000-4000-8000-0000000000aa',
        fields: ['idNumber'],
        // The subgraph sees the gateway's name for its part of the client's operation.
        operation: expect.stringContaining('CaseFile'),
        person: { name: '陈建国' },
      });
      const refused = await graph.query(LOG, { id: personId }, officer);
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    });

    it('when the token is bad, then UNAUTHENTICATED with 401 and no data', async () => {
      const { status, body } = await graph.query(PERSON, { id: personId }, 'not.a.token');
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    });
  });

  describe('a failing subgraph', () => {
    it('when one subgraph is down, then the rest of the answer arrives with an error that names no internals', async () => {
      const stations = graph.subgraphs.find((s) => s.module.name === 'neighbour-stations')!;
      await stations.service.stop();
      const { status, body } = await graph.query(
        `{
        region(code: "350105") { name elderCare { elders } }
        stations: region(code: "350105") { stationStats { stations } } }`,
        {},
        await exactly(),
      );
      expect(status).toBe(200);
      expect(body.data.region).toEqual({ name: '马尾区', elderCare: { elders: 3 } });
      // Region.stationStats is nullable: the region stays, only the stations' figures are missing.
      expect(body.data.stations).toEqual({ stationStats: null });
      expect(body.errors[0].extensions.serviceName).toBe('neighbour-stations');
      expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors[0].message).toMatch(/neighbour-stations/);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:|ECONNREFUSED|stacktrace|\bat .+\.ts/);
    });
  });
});

describe('a subgraph that hangs', () => {
  let graph: TestGraph;
  let hung: Server;
  beforeAll(async () => {
    graph = await startTestGraph({ subgraphTimeoutMs: 500 });
  });
  afterAll(async () => {
    hung?.close();
    await graph.stop();
  });

  it('when a subgraph accepts but never answers, then the gateway gives up after its timeout', async () => {
    // A socket that accepts and stays silent stands in for a hung subgraph process.
    hung = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => hung.once('listening', resolve));
    const { port } = hung.address() as { port: number };
    const gateway = await gatewayBeside(graph, { 'elder-care': `http://127.0.0.1:${port}/` });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ region(code: "3501") { name } e: region(code: "3501") { elderCare { elders } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.data.region).toEqual({ name: '福州市' });
      expect(body.errors[0]).toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE' },
        message: 'the elder-care service did not answer in time',
      });
    } finally {
      await gateway.stop();
    }
  });
});
