import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { STATIONS_NEAR_SQL } from '../src/repositories/nearby';
import { caller, insertStation, newId } from './arrange';

const NEAR = `query ($lat: Float!, $lon: Float!, $within: Int) {
  stationsNear(latitude: $lat, longitude: $lon, withinMeters: $within) { meters station { id name } } }`;

/** Every plan node, depth first, from EXPLAIN (FORMAT JSON). */
function planNodes(plan: any): any[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

describe('stations and the 15-minute circle', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  it('when a station is read, then its profile and the eight-haves checklist come with it', async () => {
    const id = await insertStation(graph.db, {
      name: '洛阳桥驿站',
      eightHaves: { FIXED_HOURS: '每天 8:30-18:00, 门口公示', VENUE: '桥南游客中心一楼' },
    });
    const { body } = await graph.query(
      `query ($id: ID!) { station(id: $id) { name kind region { code } eightHavesMet
        eightHaves { item met evidence } helps dutyRule { openWeekdays weekdayKinds weekendKinds } status mode } }`,
      { id },
    );
    const station = body.data.station;
    expect(station).toMatchObject({ name: '洛阳桥驿站', kind: 'VOLUNTEER_SERVICE', region: { code: '350504001001' }, eightHavesMet: 2 });
    expect(station.eightHaves).toHaveLength(8);
    expect(station.eightHaves[0]).toEqual({ item: 'FIXED_HOURS', met: true, evidence: '每天 8:30-18:00, 门口公示' });
    expect(station.eightHaves.filter((c: any) => !c.met).every((c: any) => c.evidence === null)).toBe(true);
    expect(station.dutyRule).toEqual({ openWeekdays: [1, 2, 3, 4, 5, 6, 7], weekdayKinds: ['GOVERNMENT_UNIT'], weekendKinds: ['ASSOCIATION'] });
  });

  it('when a station is unknown, then null; as an entity reference too', async () => {
    const unknown = 'c0000000-0000-4000-8000-000000000000';
    expect((await graph.query(`{ station(id: "${unknown}") { name } }`)).body).toEqual({ data: { station: null } });
    const { body } = await graph.query(`{ _entities(representations: [{ __typename: "Station", id: "${unknown}" }]) { ... on Station { name } } }`);
    expect(body.data._entities).toEqual([null]);
  });

  it('when a station is asked whether the caller manages it, then only its own STATION_MANAGER hears true; as an entity reference too', async () => {
    const managerId = newId();
    const otherManagerId = newId();
    const id = await insertStation(graph.db, { name: '洛阳桥驿站', managers: [managerId] });
    await insertStation(graph.db, { name: '万福驿站', managers: [otherManagerId] });
    const ASK = `query ($id: ID!) { station(id: $id) { managedByCaller } }`;
    const managed = async (who?: ReturnType<typeof caller>) => (await graph.query(ASK, { id }, who)).body.data.station.managedByCaller;
    expect(await managed(caller(managerId, ['STATION_MANAGER'], '350504001001'))).toBe(true);
    // The gateway may hand the id upper-cased; a UUID is the same person either way.
    expect(await managed(caller(managerId.toUpperCase(), ['STATION_MANAGER'], '350504001001'))).toBe(true);
    expect(await managed(caller(otherManagerId, ['STATION_MANAGER'], '350504001001'))).toBe(false);
    expect(await managed(caller(newId(), ['DISTRICT_OFFICER'], '350504'))).toBe(false);
    expect(await managed(caller(newId(), ['CITY_ADMIN']))).toBe(false);
    // A listed manager's id without the role is not a station manager's.
    expect(await managed(caller(managerId, ['VOLUNTEER'], '350504001001'))).toBe(false);
    expect(await managed()).toBe(false);

    const ENTITY = `query ($id: ID!) { _entities(representations: [{ __typename: "Station", id: $id }]) { ... on Station { managedByCaller } } }`;
    const asManager = await graph.query(ENTITY, { id }, caller(managerId, ['STATION_MANAGER'], '350504001001'));
    expect(asManager.body.data._entities).toEqual([{ managedByCaller: true }]);
    expect((await graph.query(ENTITY, { id })).body.data._entities).toEqual([{ managedByCaller: false }]);
  });

  it('when stations are paged by region, then each comes once in name order', async () => {
    for (const n of [3, 1, 2]) await insertStation(graph.db, { name: `闽江村驿站${n}`, regionCode: '350105102227' });
    const PAGE = `query ($after: String) { stations(regionCode: "350105102", first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`;
    const first = (await graph.query(PAGE)).body.data.stations;
    const second = (await graph.query(PAGE, { after: first.pageInfo.endCursor })).body.data.stations;
    expect(first.totalCount).toBe(3);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.name)).toEqual(['闽江村驿站1', '闽江村驿站2', '闽江村驿站3']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('when asked near a point, then open stations within the radius come nearest first with their distance', async () => {
    // Along a meridian in 泰宁县, one degree of latitude is about 111.2 km.
    const ids = {
      m300: await insertStation(graph.db, { name: '300 m', latitude: 26.9027, longitude: 117.17, regionCode: '350429001001' }),
      m100: await insertStation(graph.db, { name: '100 m', latitude: 26.9009, longitude: 117.17, regionCode: '350429001001' }),
      m900: await insertStation(graph.db, { name: '900 m', latitude: 26.9081, longitude: 117.17, regionCode: '350429001001' }),
      far: await insertStation(graph.db, { name: '1.5 km', latitude: 26.9135, longitude: 117.17, regionCode: '350429001001' }),
      closed: await insertStation(graph.db, { name: 'closed', latitude: 26.9001, longitude: 117.17, regionCode: '350429001001', status: 'CLOSED' }),
    };
    const { body } = await graph.query(NEAR, { lat: 26.9, lon: 117.17 });
    const found = body.data.stationsNear;
    expect(found.map((d: any) => d.station.id)).toEqual([ids.m100, ids.m300, ids.m900]);
    expect(found[0].meters).toBeGreaterThan(95);
    expect(found[0].meters).toBeLessThan(105);
    expect(found[2].meters).toBeLessThan(1000);
    const wider = await graph.query(NEAR, { lat: 26.9, lon: 117.17, within: 2000 });
    expect(wider.body.data.stationsNear.map((d: any) => d.station.id)).toEqual([ids.m100, ids.m300, ids.m900, ids.far]);
  });

  it.each([
    [{ lat: 91, lon: 118 }, 'latitude'],
    [{ lat: 24, lon: -180.5 }, 'longitude'],
    [{ lat: 24, lon: 118, within: 0 }, 'withinMeters'],
    [{ lat: 24, lon: 118, within: 50_001 }, 'withinMeters'],
  ])('when asked with %p, then BAD_USER_INPUT names %s', async (variables, argument) => {
    const { body } = await graph.query(NEAR, variables);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('when thousands of stations exist, then the planner answers stationsNear from the spatial index', async () => {
    // 5,000 stations scattered over 龙岩 and 三明, far from the other tests' points.
    await graph.db.query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude)
       SELECT '散点驿站' || n, 'MUTUAL_AID', '350802001001', 25.0 + (n % 100) * 0.01, 116.5 + (n / 100) * 0.01
       FROM generate_series(1, 5000) AS n`,
    );
    await graph.db.query(`ANALYZE neighbour_stations.station`);
    const [{ 'QUERY PLAN': plan }] = await graph.db.query(`EXPLAIN (FORMAT JSON) ${STATIONS_NEAR_SQL}`, [25.3, 116.7, 1000, 20]);
    const nodes = planNodes(plan[0].Plan);
    expect(nodes.some((node) => node['Index Name'] === 'station_earth_idx')).toBe(true);
    expect(nodes.some((node) => node['Node Type'] === 'Seq Scan')).toBe(false);
    const { body } = await graph.query(NEAR, { lat: 25.3, lon: 116.7 });
    expect(body.data.stationsNear.length).toBeGreaterThan(0);
  });

  it('when the search_path holds only the subgraph schema, then the 15-minute circle still works', async () => {
    const id = await insertStation(graph.db, { latitude: 27.5, longitude: 118.9, regionCode: '350725001001' });
    const rows = await graph.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL search_path = neighbour_stations`);
      return tx.query(STATIONS_NEAR_SQL, [27.5005, 118.9, 1000, 20]);
    });
    expect(rows.map((r: any) => r.id)).toEqual([id]);
  });

  it('when a district has communities far from any station, then those are listed with their nearest station', async () => {
    await graph.db.query(
      `INSERT INTO neighbour_stations.community_centre (region_code, name, latitude, longitude) VALUES
       ('350981001001', '有站社区', 27.20, 119.60), ('350981001002', '无站社区', 27.23, 119.60)`,
    );
    const near = await insertStation(graph.db, { name: '福安驿站', latitude: 27.203, longitude: 119.6, regionCode: '350981001001' });
    const { body } = await graph.query(`{ communitiesWithoutStation(regionCode: "350981") {
      region { code } name nearest { meters station { id } } } }`);
    const listed = body.data.communitiesWithoutStation;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ region: { code: '350981001002' }, name: '无站社区', nearest: { station: { id: near } } });
    expect(listed[0].nearest.meters).toBeGreaterThan(2900);
    const wide = await graph.query(`{ communitiesWithoutStation(regionCode: "350981", withinMeters: 5000) { name } }`);
    expect(wide.body.data.communitiesWithoutStation).toEqual([]);
  });
});
