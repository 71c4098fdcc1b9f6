import { subgraphSecret } from '@civic/shared';
import { graphContacts, sweepEmergencies } from '@civic/elder-care/src/services/emergencySweep';
import { ESCALATE_AFTER_MS } from '@civic/elder-care/src/domain/emergency';
import { startTestGraph, TestGraph } from './harness';

const RAISE = `mutation ($e: ID!) { raiseEmergency(elderId: $e) { id raisedAt request { id priority } } }`;
const APPOINT = `mutation ($p: ID!, $r: ID!) { appointOfficer(personId: $p, regionCode: $r) { id person { id } region { code } endedAt } }`;
const ACK = `mutation ($id: ID!) { acknowledgeEmergency(id: $id) { acknowledgedBy { id } escalatedAt minutesToAcknowledge } }`;
const FIGURES = `query ($code: ID!) { region(code: $code) { name officers { id } emergencies { raised open escalated } } }`;
const FEED = `query ($id: ID!) { person(id: $id) { notices(first: 20) { edges { node { kind subjectId text } } } } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 一键呼叫 through the whole graph (issue 16.3): elder care raises the emergency,
 * asks neighbour-stations who is on duty at the nearest station and the directory
 * who the officers are, through the gateway as itself, and the notices reach each
 * person's feed in the directory.
 */
describe('an emergency raised for an elder living alone', () => {
  let graph: TestGraph;
  let community: string;
  let elderId: string;
  const people: Record<'elder' | 'daughter' | 'onDuty' | 'communityOfficer' | 'districtOfficer', string> = {} as never;

  beforeAll(async () => {
    graph = await startTestGraph();
    community = '350105001007'; // a community of 马尾区罗星街道 with no other station in this graph
    const [station] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, status, mode, helps, eight_haves)
       VALUES ('呼叫测试驿站', 'MUTUAL_AID', $1, 26.0, 119.45, 'OPEN', 'SERIAL', ARRAY['ELDERLY'], '{}') RETURNING id`,
      [community],
    );
    const rows = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES
         ('陈阿婆', 'FEMALE', '1936-02-01', $1), ('林秀英', 'FEMALE', '1964-05-02', $1), ('王建国', 'MALE', '1988-07-03', $1),
         ('郑丽华', 'FEMALE', '1979-03-04', $1), ('黄志明', 'MALE', '1975-09-05', $1) RETURNING id`,
      [community],
    );
    [people.elder, people.daughter, people.onDuty, people.communityOfficer, people.districtOfficer] = rows.map((r: { id: string }) => r.id);
    const [elder] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES ($1, $2, '{LIVING_ALONE,ADVANCED_AGE}') RETURNING id`, [
        people.elder,
        community,
      ]);
    elderId = elder.id;
    await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship) VALUES ($1, $2, '女儿')`, [elderId, people.daughter]);
    // Someone on duty at the community's station right now (a slot of its own, away from the seeded rota's days).
    await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.duty_slot (station_id, region_code, date, half, starts_at, ends_at, on_duty_person_id)
       VALUES ($1, $2, '2099-01-01', 'MORNING', now() - interval '1 hour', now() + interval '1 hour', $3)`,
      [station.id, community, people.onDuty],
    );
    const admin = await graph.token(['CITY_ADMIN'], '35');
    for (const [who, region] of [
      [people.communityOfficer, community],
      [people.districtOfficer, '350105'],
    ]) {
      const { body } = await graph.query(APPOINT, { p: who, r: region }, admin);
      expect(body.data.appointOfficer).toMatchObject({ person: { id: who }, region: { code: region }, endedAt: null });
    }
  });
  afterAll(() => graph?.stop());

  const feedOf = async (person: string) =>
    (await graph.query(FEED, { id: person }, await graph.token(['VOLUNTEER'], community, person))).body.data.person.notices.edges.map((e: any) => e.node);
  const waitForEmergencyNotice = async (person: string, requestId: string) => {
    for (let i = 0; i < 120; i++) {
      const notice = (await feedOf(person)).find((n: any) => n.kind === 'EMERGENCY' && n.subjectId === requestId);
      if (notice) return notice;
      await sleep(250);
    }
    return null;
  };

  it('when the elder presses the button, then the daughter, the person on duty at the station and the community officer hear of it; unanswered, it escalates to the district officer', async () => {
    const raised = await graph.query(RAISE, { e: elderId }, await graph.token(['VOLUNTEER'], community, people.elder));
    expect(raised.body.errors).toBeUndefined();
    const { id, raisedAt, request } = raised.body.data.raiseEmergency;
    expect(request.priority).toBe('EMERGENCY');

    // The elder-care sweep runs every 10 s in the graph and asks the other subgraphs through the gateway.
    expect(await waitForEmergencyNotice(people.daughter, request.id)).toMatchObject({ text: expect.stringContaining('紧急呼叫') });
    expect(await waitForEmergencyNotice(people.onDuty, request.id)).toMatchObject({ text: expect.stringContaining('值班') });
    expect(await waitForEmergencyNotice(people.communityOfficer, request.id)).toMatchObject({ text: expect.stringContaining('社区') });
    expect((await feedOf(people.districtOfficer)).some((n: any) => n.subjectId === request.id)).toBe(false);

    // Five minutes later by the sweep's clock, with elder care's own credentials through the same gateway.
    const services = { gatewayUrl: graph.url, credentials: { name: 'elder-care', secret: subgraphSecret(graph.internalSecret, 'elder-care') } };
    const later = new Date(new Date(raisedAt).getTime() + ESCALATE_AFTER_MS + 1_000);
    expect((await sweepEmergencies(graph.db('elder-care'), graphContacts(services), later)).escalated).toBe(1);
    expect(await waitForEmergencyNotice(people.districtOfficer, request.id)).toMatchObject({ text: expect.stringContaining('升级') });

    const officer = await graph.token(['DISTRICT_OFFICER'], '350105', people.districtOfficer);
    const ack = (await graph.query(ACK, { id }, officer)).body.data.acknowledgeEmergency;
    expect(ack.acknowledgedBy).toEqual({ id: people.districtOfficer });
    expect(ack.escalatedAt).not.toBeNull();
    const figures = (await graph.query(FIGURES, { code: community }, officer)).body.data.region;
    expect(figures.officers).toEqual([{ id: people.communityOfficer }]);
    expect(figures.emergencies).toMatchObject({ raised: 1, open: 1, escalated: 1 });
  });

  it('when a client asks who is on duty or who the officers are as the services do, then FORBIDDEN', async () => {
    const admin = await graph.token(['CITY_ADMIN'], '35');
    const staff = await graph.query(`{ stationStaffNear(communityCode: "${community}", at: "2026-12-01T00:00:00Z") { onDutyIds } }`, {}, admin);
    expect(staff.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const officers = await graph.query(`{ regionOfficers(codes: ["350105"]) { personIds } }`, {}, admin);
    expect(officers.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // Officers are named to officials only.
    const anonymous = await graph.query(`{ region(code: "${community}") { officers { id } } }`);
    expect(anonymous.body.data.region.officers).toEqual([]);
  });
});
