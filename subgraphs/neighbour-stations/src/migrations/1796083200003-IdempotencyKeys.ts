import { idempotencyKeyMigration } from '@civic/shared';

/** The write path's idempotency store for neighbour-stations's mutations (the one shared shape; see @civic/shared write/). */
export const IdempotencyKeys1796083200003 = idempotencyKeyMigration('neighbour_stations', 1796083200003);
