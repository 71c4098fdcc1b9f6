import { rollupCoveringKeyMigration } from '@civic/shared';
import { ELDER_CARE_ROLLUP } from '../repositories/rollup';

/** The region figures' key covers their values, so a region's sum reads the index alone (rollup/triggers.ts rollupKey). */
export const RollupCoveringKey1798400000011 = rollupCoveringKeyMigration(ELDER_CARE_ROLLUP, 1798400000011);
