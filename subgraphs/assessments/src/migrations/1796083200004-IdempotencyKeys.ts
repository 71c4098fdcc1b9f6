import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for assessments's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796083200004 = idempotencyKeyMigration('assessments', 1796083200004);
