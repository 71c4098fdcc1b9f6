import { rollupCoveringKeyMigration } from '@civic/shared';
import { CANTEEN_ROLLUP } from '../repositories/rollup';

/** The region figures' key covers their values, so a region's sum reads the index alone (rollup/triggers.ts rollupKey). */
export const RollupCoveringKey1798400000016 = rollupCoveringKeyMigration(CANTEEN_ROLLUP, 1798400000016);
