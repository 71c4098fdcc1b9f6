import { rollupMigration } from '@civic/shared';
import { ASSESSMENT_ROLLUP } from '../repositories/rollup';

/** The assessments' region figures as running sums (issue 15.2), kept by statement triggers and backfilled. */
export const RegionRollup1798200000004 = rollupMigration(ASSESSMENT_ROLLUP, 1798200000004);
