import type { MonthlySource } from '@civic/shared';

/** A region's figures (StationStats), read from the rollup (repositories/rollup.ts): only those a caller asks for. */
export interface StationStats {
  stations: number;
  openOrders: number;
}

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
