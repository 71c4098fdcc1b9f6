import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for elder-care's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796083200001 = idempotencyKeyMigration('elder_care', 1796083200001);
