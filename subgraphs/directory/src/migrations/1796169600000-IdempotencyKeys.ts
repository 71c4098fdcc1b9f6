import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for the directory's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796169600000 = idempotencyKeyMigration('directory', 1796169600000);
