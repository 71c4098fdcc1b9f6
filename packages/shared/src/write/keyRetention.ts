import type { BackgroundJob } from '../jobs';
import type { Sql } from '../sql';
import { deleteOlderThan, retentionJob } from '../retention';
import { idempotencyTable } from './keyTable';

/**
 * How long a key answers its retries. A client retries within minutes (the README's
 * retry rule backs off over seconds, a partner's queue over hours); 30 days covers
 * a partner replaying a week-old outbox and keeps the table to a month of writes.
 */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 30;

/**
 * Deletes the keys claimed before `before`, in batches (deleteOlderThan). A subgraph
 * without a key store (no mutations) has nothing to prune. Returns how many were deleted.
 */
export async function pruneIdempotencyKeys(db: Sql, schema: string, before: Date): Promise<number> {
  const table = idempotencyTable(schema);
  const [{ present }] = await db.query(`/* idempotencyStorePresent */ SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  return present ? deleteOlderThan(db, 'pruneIdempotencyKeys', table, 'created_at', before) : 0;
}

/** The retention job every subgraph runs (subgraphModule.ts): hourly, and once at start. */
export function idempotencyKeyRetention(schema: string, days = IDEMPOTENCY_KEY_RETENTION_DAYS): BackgroundJob {
  return retentionJob('idempotency key retention', days, (db, before) => pruneIdempotencyKeys(db, schema, before), true);
}
