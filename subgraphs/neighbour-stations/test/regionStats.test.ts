import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';

const FIELDS = 'regionCode stations openOrders';
const REGION_STATS = `query ($codes: [_Any!]!) {
  _entities(representations: $codes) { ... on Region { code stationStats { ${FIELDS} } } }
}`;
const STATS_BY_KEY = `query ($keys: [_Any!]!) {
  _entities(representations: $keys) { ... on StationStats { ${FIELDS} } }
}`;
const regions = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });
const statsKeys = (...codes: string[]) => ({ keys: codes.map((regionCode) => ({ __typename: 'StationStats', regionCode })) });

describe('Region.stationStats', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  it('when nothing is recorded, then every figure is zero', async () => {
    const { body } = await graph.query(REGION_STATS, regions('350105'), EXACT_FIGURES);
    expect(body.data._entities[0].stationStats).toEqual({ regionCode: '350105', stations: 0, openOrders: 0 });
  });

  it('when rows exist in and around a district, then it counts exactly those at or below it', async () => {
    const communities = ['350105001001', '350105002003', '350105100200', '350102001001', '350504001001'];
    const stations: { id: string; region_code: string }[] = await graph.db.query(
      `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, status)
       SELECT '志愿服务驿站', 'VOLUNTEER_SERVICE', code, 26.0, 119.4, status
       FROM unnest($1::text[]) AS code, unnest(ARRAY['OPEN', 'OPEN', 'CLOSED']) AS status
       RETURNING id, region_code`,
      [communities],
    );
    const statuses = ['PLACED', 'DISPATCHED', 'ACCEPTED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED'];
    for (const station of stations) {
      for (const status of statuses) {
        await graph.db.query(
          `INSERT INTO neighbour_stations.station_order (station_id, region_code, help, status, rating)
           VALUES ($1, $2, 'ELDERLY', $3, $4)`,
          [station.id, station.region_code, status, status === 'RATED' ? 5 : null],
        );
      }
    }
    // Counted another way: in JavaScript over the rows themselves.
    const stationRows: { region_code: string; status: string }[] = await graph.db.query(`SELECT region_code, status FROM neighbour_stations.station`);
    const orderRows: { region_code: string; status: string }[] = await graph.db.query(`SELECT region_code, status FROM neighbour_stations.station_order`);
    const open = new Set(['PLACED', 'DISPATCHED', 'ACCEPTED']);
    const expected = (prefix: string) => ({
      regionCode: prefix,
      stations: stationRows.filter((r) => r.region_code.startsWith(prefix) && r.status === 'OPEN').length,
      openOrders: orderRows.filter((r) => r.region_code.startsWith(prefix) && open.has(r.status)).length,
    });

    const codes = ['350105', '350105001', '3501', '35', '350503'];
    const { body } = await graph.query(REGION_STATS, regions(...codes), EXACT_FIGURES);
    const stats = body.data._entities.map((e: any) => e.stationStats);
    expect(stats).toEqual(codes.map(expected));
    expect(stats[0]).toEqual({ regionCode: '350105', stations: 6, openOrders: 36 });
    expect(stats[4]).toMatchObject({ stations: 0, openOrders: 0 });

    // The same figures reached through the StationStats key, as the gateway does.
    const byKey = await graph.query(STATS_BY_KEY, statsKeys(...codes), EXACT_FIGURES);
    expect(byKey.body.data._entities).toEqual(stats);
  });
});
