import { rollupMigration } from '@civic/shared';
import { STATION_ROLLUP } from '../repositories/rollup';

/**
 * The stations' region figures as running sums (issue 15.2), kept by statement
 * triggers and backfilled; after the migrations that re-create station orders as
 * a partitioned table, so the triggers sit on the final table.
 */
export const RegionRollup1798200000003 = rollupMigration(STATION_ROLLUP, 1798200000003);
