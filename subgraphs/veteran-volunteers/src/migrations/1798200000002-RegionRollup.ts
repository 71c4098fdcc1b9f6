import { rollupMigration } from '@civic/shared';
import { VETERAN_ROLLUP } from '../repositories/rollup';

/** The veterans' region figures as running sums (issue 15.2), kept by statement triggers and backfilled. */
export const RegionRollup1798200000002 = rollupMigration(VETERAN_ROLLUP, 1798200000002);
