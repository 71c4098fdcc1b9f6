import { defineRollup, type RollupFields } from '@civic/shared';

export const STATION_TABLE = 'neighbour_stations.station';
export const ORDER_TABLE = 'neighbour_stations.station_order';

/**
 * The stations' public region figures (StationStats) as running sums (@civic/shared
 * rollup/), the counts STATION_STATS_SQL made on every request (kept in
 * test/rollupOracle.ts as the tests' oracle); a station closing or an order
 * delivered moves out of them in the same transaction. Not here, computed as
 * before: the monthly series of orders (it depends on the current month).
 */
export const STATION_ROLLUP = defineRollup(
  'neighbour_stations',
  [
    { name: 'stations', table: STATION_TABLE, where: `src.status = 'OPEN'` },
    { name: 'openOrders', table: ORDER_TABLE, where: `src.status IN ('PLACED', 'DISPATCHED', 'ACCEPTED')` },
  ],
  // the rows disclosure control weighs the figures' regions by (regionsInUse)
  [STATION_TABLE, ORDER_TABLE],
);

export const STATION_FIELDS: RollupFields = { stations: 'stations', openOrders: 'openOrders' };
