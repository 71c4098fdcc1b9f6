import { randomUUID } from 'node:crypto';
import { addDays, chinaToday, type Role } from '@civic/shared';
import { signToken } from '@civic/gateway/src/tokens';
import { startTestGraph, TestGraph } from './harness';

/** The harness token's fixed subject: made the manager of the test's stations. */
const HARNESS_SUB = 'e0000000-0000-4000-8000-000000000001';

const ORDER = 'id status rating station { name region { name } } volunteer { name } history { status by { name } }';
const PLACE = `mutation ($station: ID!) { placeStationOrder(stationId: $station, help: ELDERLY, note: "陪同就医") { ${ORDER} } }`;
const DISPATCH = `mutation ($id: ID!, $v: ID!) { dispatchStationOrder(id: $id, volunteerId: $v) { ${ORDER} } }`;
const ACCEPT = `mutation ($id: ID!) { acceptStationOrder(id: $id) { ${ORDER} } }`;
const COMPLETE = `mutation ($id: ID!) { completeStationOrder(id: $id) { ${ORDER} } }`;
const RATE = `mutation ($id: ID!, $r: Int!) { rateStationOrder(id: $id, rating: $r) { ${ORDER} } }`;
const CANCEL = `mutation ($id: ID!) { cancelStationOrder(id: $id) { ${ORDER} } }`;
const CLAIM = `mutation ($id: ID!, $org: ID!) { claimDutySlot(id: $id, organizationId: $org) { claimedBy { name kind } } }`;

describe('neighbour stations through the gateway', () => {
  let graph: TestGraph;
  let stationId: string;
  const people: Record<'resident' | 'volunteer', string> = { resident: '', volunteer: '' };
  const tokenFor = (sub: string, roles: Role[], region = '350504') => signToken({ sub, roles, region }, graph.jwtSecret);
  const code = (response: { body: any }) => response.body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    graph = await startTestGraph();
    const created = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code)
       VALUES ('黄秀兰', 'FEMALE', '1942-03-01', '350504001001'), ('林志强', 'MALE', '1990-07-15', '350504001001'),
              ('陈站长', 'MALE', '1975-01-01', '350504001002') RETURNING id`,
    );
    people.resident = created[0].id;
    people.volunteer = created[1].id;
    await graph.db('directory').query(`UPDATE directory.person SET id = $1 WHERE id = $2`, [HARNESS_SUB, created[2].id]);
    const [{ id }] = await graph.db('neighbour-stations').query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
       VALUES ('洛阳桥驿站', 'VOLUNTEER_SERVICE', '350504001002', 24.9542, 118.6817, '万安街道桥南社区') RETURNING id`,
    );
    stationId = id;
    await graph
      .db('neighbour-stations')
      .query(`INSERT INTO neighbour_stations.station_manager (station_id, person_id) VALUES ($1, $2)`, [stationId, HARNESS_SUB]);
  });
  afterAll(() => graph.stop());

  it('when an anonymous resident looks near 洛阳桥, then the station comes with its community from the directory', async () => {
    const { status, body } = await graph.query(`{ stationsNear(latitude: 24.9550, longitude: 118.6815, withinMeters: 500) {
      meters station { name region { name parent { name } } } } }`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.stationsNear).toHaveLength(1);
    expect(body.data.stationsNear[0].station).toEqual({ name: '洛阳桥驿站', region: { name: '桥南社区居委会', parent: { name: '万安街道' } } });
    expect(body.data.stationsNear[0].meters).toBeLessThan(500);
  });

  it('when the radius or a coordinate is out of range, then BAD_USER_INPUT through the gateway', async () => {
    expect(code(await graph.query(`{ stationsNear(latitude: 24.9, longitude: 118.6, withinMeters: 60000) { meters } }`))).toBe('BAD_USER_INPUT');
    expect(code(await graph.query(`{ stationsNear(latitude: -95, longitude: 118.6) { meters } }`))).toBe('BAD_USER_INPUT');
  });

  it('when every actor takes their step with their own token, then the order goes the whole way and names who did what', async () => {
    const resident = await tokenFor(people.resident, ['VOLUNTEER']);
    const volunteer = await tokenFor(people.volunteer, ['VOLUNTEER']);
    const manager = await graph.token(['STATION_MANAGER'], '350504');
    const placed = await graph.query(PLACE, { station: stationId }, resident);
    expect(placed.body.data.placeStationOrder).toMatchObject({ status: 'PLACED', station: { name: '洛阳桥驿站', region: { name: '桥南社区居委会' } } });
    const id = placed.body.data.placeStationOrder.id;

    // exact figures, small counts and all, are for the region's officers and the city's administrators
    const stats = await graph.query(`{ region(code: "350504") { stationStats { stations openOrders } } }`, {}, await graph.token(['CITY_ADMIN'], '35'));
    expect(stats.body.data.region.stationStats).toEqual({ stations: 1, openOrders: 1 });

    expect(code(await graph.query(DISPATCH, { id, v: people.volunteer }, volunteer))).toBe('FORBIDDEN');
    expect((await graph.query(DISPATCH, { id, v: people.volunteer }, manager)).body.data.dispatchStationOrder).toMatchObject({
      status: 'DISPATCHED',
      volunteer: { name: '林志强' },
    });
    expect(code(await graph.query(ACCEPT, { id }, resident))).toBe('FORBIDDEN');
    expect((await graph.query(ACCEPT, { id }, volunteer)).body.data.acceptStationOrder.status).toBe('ACCEPTED');
    expect(code(await graph.query(RATE, { id, r: 5 }, resident))).toBe('CONFLICT');
    expect((await graph.query(COMPLETE, { id }, volunteer)).body.data.completeStationOrder.status).toBe('COMPLETED');
    expect(code(await graph.query(CANCEL, { id }, resident))).toBe('CONFLICT');
    const rated = (await graph.query(RATE, { id, r: 5 }, resident)).body.data.rateStationOrder;
    expect(rated).toMatchObject({ status: 'RATED', rating: 5 });
    expect(rated.history.map((s: any) => [s.status, s.by.name])).toEqual([
      ['PLACED', '黄秀兰'],
      ['DISPATCHED', '陈站长'],
      ['ACCEPTED', '林志强'],
      ['COMPLETED', '林志强'],
      ['RATED', '黄秀兰'],
    ]);

    // The dispatch told the volunteer, through the stations' outbox and relay, once.
    const FEED = `query ($id: ID!) { person(id: $id) { notices { totalCount edges { node { kind subjectId text source } } } } }`;
    let feed: any;
    for (let i = 0; i < 60 && !feed?.totalCount; i++) {
      feed = (await graph.query(FEED, { id: people.volunteer }, volunteer)).body.data.person.notices;
      if (!feed.totalCount) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(feed.edges.map((e: any) => e.node)).toEqual([
      { kind: 'ORDER_DISPATCHED', subjectId: id, text: '洛阳桥驿站派给您一张助老订单，请尽快接单。', source: 'neighbour-stations' },
    ]);
  });

  it('when an anonymous caller places an order, then UNAUTHENTICATED; an unknown station is NOT_FOUND', async () => {
    const anonymous = await graph.query(PLACE, { station: stationId });
    expect(anonymous.status).toBe(200);
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    const resident = await tokenFor(people.resident, ['VOLUNTEER']);
    expect(code(await graph.query(PLACE, { station: randomUUID() }, resident))).toBe('NOT_FOUND');
  });

  it('when units claim one slot at the same moment through the gateway, then one wins and the rest get CONFLICT', async () => {
    const db = graph.db('neighbour-stations');
    const orgs = await graph.db('directory').query(
      `INSERT INTO directory.organization (name, kind, region_code)
       SELECT '洛江区测试单位' || n, 'GOVERNMENT_UNIT', '350504' FROM generate_series(1, 5) AS n RETURNING id, name, kind, region_code`,
    );
    for (const org of orgs) {
      await db.query(`INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code) VALUES ($1, $2, $3, $4)`, [
        org.id,
        org.name,
        org.kind,
        org.region_code,
      ]);
    }
    const manager = await graph.token(['STATION_MANAGER'], '350504');
    const from = addDays(chinaToday(), 1);
    const published = await graph.query(
      `mutation ($s: ID!, $from: Date!) { publishDutyRota(stationId: $s, from: $from, weeks: 1) { id unitKinds } }`,
      { s: stationId, from },
      manager,
    );
    const slot = published.body.data.publishDutyRota.find((s: any) => s.unitKinds.includes('GOVERNMENT_UNIT'));
    // Each claims for the unit it belongs to: a recorded member of it.
    const members = orgs.map(() => randomUUID());
    for (const [i, org] of orgs.entries()) {
      await db.query(`INSERT INTO neighbour_stations.duty_unit_member (organization_id, person_id) VALUES ($1, $2)`, [org.id, members[i]]);
    }
    const tokens = await Promise.all(members.map((member: string) => tokenFor(member, ['VOLUNTEER'])));
    const answers = await Promise.all(orgs.map((org: any, i: number) => graph.query(CLAIM, { id: slot.id, org: org.id }, tokens[i])));
    const winners = answers.filter((a) => a.body.data?.claimDutySlot);
    expect(winners).toHaveLength(1);
    expect(winners[0].body.data.claimDutySlot.claimedBy).toEqual({ name: expect.stringMatching(/^洛江区测试单位/), kind: 'GOVERNMENT_UNIT' });
    expect(answers.map(code).filter((c) => c === 'CONFLICT')).toHaveLength(4);
  });
});
