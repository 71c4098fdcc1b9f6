import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for elder-canteens's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796083200006 = idempotencyKeyMigration('elder_canteens', 1796083200006);
