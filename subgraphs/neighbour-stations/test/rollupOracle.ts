/**
 * The tests' oracle: the stations' region figures as the subgraph computed them from its
 * tables on every request before the rollup (issue 15.2). Every rollup figure
 * must equal these.
 */
/**
 * One row per requested region code; each counts the region and everything below
 * it. Both subqueries are range scans on a (region_code, status) index.
 */
export const STATION_STATS_SQL = `/* stationStats */
  SELECT r.code,
    (SELECT count(*) FROM neighbour_stations.station s
      WHERE s.region_code >= r.code AND s.region_code < r.code || '~'
        AND s.status = 'OPEN')::int AS stations,
    (SELECT count(*) FROM neighbour_stations.station_order o
      WHERE o.region_code >= r.code AND o.region_code < r.code || '~'
        AND o.status IN ('PLACED', 'DISPATCHED', 'ACCEPTED'))::int AS open_orders
  FROM unnest($1::text[]) AS r(code)`;

interface StationStatsRow {
  code: string;
  stations: number;
  open_orders: number;
}

export const toStationStatsOracle = (row: StationStatsRow | undefined) => ({
  stations: row?.stations ?? 0,
  openOrders: row?.open_orders ?? 0,
});
