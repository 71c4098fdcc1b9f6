import { rollupMigration } from '@civic/shared';
import { CANTEEN_ROLLUP } from '../repositories/rollup';

/** The canteens' region figures as running sums (issue 15.2), kept by statement triggers and backfilled. */
export const RegionRollup1798200000006 = rollupMigration(CANTEEN_ROLLUP, 1798200000006);
