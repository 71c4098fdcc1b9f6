import { rollupMigration } from '@civic/shared';
import { ELDER_CARE_ROLLUP } from '../repositories/rollup';

/**
 * Elder care's region figures as running sums (issue 15.2), kept by statement
 * triggers on the elders, requests, ledger transfers and emergencies, and
 * backfilled from the rows already there. After every migration that re-creates
 * those tables (the partitioned ones), so the triggers sit on the final tables.
 */
export const RegionRollup1798200000001 = rollupMigration(ELDER_CARE_ROLLUP, 1798200000001);
