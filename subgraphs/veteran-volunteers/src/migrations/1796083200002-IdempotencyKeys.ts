import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for veteran-volunteers's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796083200002 = idempotencyKeyMigration('veteran_volunteers', 1796083200002);
