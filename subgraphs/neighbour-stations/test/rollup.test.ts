import {
  EXACT_FIGURES,
  readsOf,
  regionsInUseAgainstOracle,
  rollupAgainstOracle,
  rollupReadTests,
  startSubgraphHarness,
  SubgraphHarness,
} from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { ORDER_TABLE, STATION_FIELDS, STATION_ROLLUP, STATION_TABLE } from '../src/repositories/rollup';
import { STATION_STATS_SQL, toStationStatsOracle } from './rollupOracle';
import { caller, insertStation, newId } from './arrange';

const ORACLE = {
  sql: STATION_STATS_SQL,
  toStats: toStationStatsOracle,
  regionsInUse: `SELECT region_code FROM ${STATION_TABLE} UNION SELECT region_code FROM ${ORDER_TABLE}`,
};
const COMMUNITIES = ['350504101220', '350504001001', '350105001004', '350105102227'];
const PLACE = `mutation ($station: ID!) { placeStationOrder(stationId: $station, help: ELDERLY, note: "帮忙买菜") { id } }`;
const DISPATCH = `mutation ($id: ID!, $v: ID!) { dispatchStationOrder(id: $id, volunteerId: $v) { status } }`;
const step = (name: string) => `mutation ($id: ID!) { ${name}(id: $id) { status } }`;
const CLOSE = `mutation ($id: ID!) { closeStation(id: $id) { status } }`;

describe('station figures from the rollup', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  const expectExact = async () => {
    const compared = await rollupAgainstOracle(graph.db, STATION_ROLLUP, STATION_FIELDS, ORACLE);
    expect(compared.rollup).toEqual(compared.oracle);
    const inUse = await regionsInUseAgainstOracle(graph.db, STATION_ROLLUP, [STATION_TABLE, ORDER_TABLE]);
    expect(inUse.rollup).toEqual(inUse.oracle);
  };

  /** A station of the community with orders placed by residents through the mutations, taken to each status. */
  async function stationWithOrders(i: number) {
    const community = COMMUNITIES[i % COMMUNITIES.length];
    const managerId = newId();
    const manager = caller(managerId, ['STATION_MANAGER'], community);
    const volunteer = caller(newId(), ['VOLUNTEER'], community);
    const stationId = await insertStation(graph.db, { name: `驿站${i}`, regionCode: community, managers: [managerId] });
    const orders = await Promise.all(
      [0, 1, 2, 3].map(
        async () => (await graph.query(PLACE, { station: stationId }, caller(newId(), ['VOLUNTEER'], community))).body.data.placeStationOrder.id as string,
      ),
    );
    await graph.query(DISPATCH, { id: orders[1], v: volunteer.sub }, manager);
    await graph.query(DISPATCH, { id: orders[2], v: volunteer.sub }, manager);
    await graph.query(step('acceptStationOrder'), { id: orders[2] }, volunteer);
    if (i % 2) await graph.query(step('completeStationOrder'), { id: orders[2] }, volunteer);
    await graph.query(step('cancelStationOrder'), { id: orders[3] }, manager);
    return { stationId, manager };
  }

  it('when stations take orders through the mutations, many at once, orders change status, stations close and rows move region, then every figure equals the aggregate over the tables', async () => {
    const first = await stationWithOrders(0);
    await expectExact();
    await Promise.all([1, 2, 3, 4, 5, 6].map(stationWithOrders));
    await expectExact();
    const [province] = (await rollupAgainstOracle(graph.db, STATION_ROLLUP, STATION_FIELDS, ORACLE)).rollup.filter((r) => r.code === '35');
    expect(province).toMatchObject({ stations: 7 });
    expect(province.openOrders).toBeGreaterThan(14);
    expect((await graph.query(CLOSE, { id: first.stationId }, caller(newId(), ['CITY_ADMIN'], '35'))).body.errors).toBeUndefined();
    await graph.db.query(`UPDATE neighbour_stations.station SET region_code = '350203001001' WHERE region_code = $1`, [COMMUNITIES[1]]);
    await graph.db.query(`UPDATE neighbour_stations.station_order SET region_code = '350203001001' WHERE region_code = $1`, [COMMUNITIES[2]]);
    await expectExact();
  });

  it('when the gateway resolves StationStats as an entity, then only the fields asked of it are read', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on StationStats { regionCode stations } } }`;
    const reps = { reps: ['350504', '350504101'].map((regionCode) => ({ __typename: 'StationStats', regionCode })) };
    const read = await readsOf(graph, STATION_ROLLUP, query, reps, EXACT_FIGURES);
    expect(read.body.data._entities.map((e: any) => Object.keys(e))).toEqual([
      ['regionCode', 'stations'],
      ['regionCode', 'stations'],
    ]);
    expect(read.figures).toEqual([['stations']]);
    expect(read.touched).toEqual([]);
  });

  rollupReadTests({
    graph: () => graph,
    rollup: STATION_ROLLUP,
    dashboard: 'stationStats { stations openOrders }',
    oneField: { selection: 'stationStats { openOrders }', figures: ['openOrders'] },
    writes: async (tx) => {
      await tx.query(`UPDATE neighbour_stations.station SET status = 'CLOSED'`);
      await tx.query(`UPDATE neighbour_stations.station_order SET status = 'CANCELLED'`);
    },
    expectExact,
  });
});
