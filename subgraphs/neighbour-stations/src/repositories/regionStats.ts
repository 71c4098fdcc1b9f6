import type { MonthlySource } from '@civic/shared';

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

export interface StationStatsRow {
  code: string;
  stations: number;
  open_orders: number;
}

export const toStationStats = (row: StationStatsRow | undefined) => ({
  stations: row?.stations ?? 0,
  openOrders: row?.open_orders ?? 0,
});

/**
 * Orders placed per month (the dashboard's trend, @civic/shared monthlySeries.ts),
 * by the China-time month they were placed in, whatever became of them since
 * (cancelled ones too, as a placed elder-care request counts), in the order's region.
 */
export const ORDERS_BY_MONTH: MonthlySource = {
  name: 'stationOrdersByMonth',
  from: 'neighbour_stations.station_order o',
  regionCode: 'o.region_code',
  at: 'o.created_at',
};
