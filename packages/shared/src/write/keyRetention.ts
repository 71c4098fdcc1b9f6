import type { BackgroundJob } from '../jobs';
import type { Sql } from '../sql';
import { idempotencyTable } from './keyTable';

/**
 * How long a key answers its retries. A client retries within minutes (the README's
 * retry rule backs off over seconds, a partner's queue over hours); 30 days covers
 * a partner replaying a week-old outbox and keeps the table to a month of writes.
 */
export const IDEMPOTENCY_KEY_RETENTION_DAYS = 30;

const BATCH = 5_000;

/**
 * Deletes the keys claimed before `before`, in batches so a long backlog never
 * holds one long transaction. A subgraph without a key store (no mutations) has
 * nothing to prune. Returns how many were deleted.
 */
export async function pruneIdempotencyKeys(db: Sql, schema: string, before: Date): Promise<number> {
  const table = idempotencyTable(schema);
  const [{ present }] = await db.query(`/* idempotencyStorePresent */ SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
  if (!present) return 0;
  let deleted = 0;
  for (;;) {
    // A SELECT over the DELETE's rows, so the count reads the same on a DataSource and a transaction.
    const [{ n }] = await db.query(
      `/* pruneIdempotencyKeys */ WITH gone AS (
         DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE created_at < $1 LIMIT ${BATCH}) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before],
    );
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

/** The retention job every subgraph runs (subgraphModule.ts): hourly, and once at start. */
export function idempotencyKeyRetention(schema: string, days = IDEMPOTENCY_KEY_RETENTION_DAYS): BackgroundJob {
  return {
    name: 'idempotency key retention',
    everyMs: 3_600_000,
    runAtStart: true,
    run: (db) => pruneIdempotencyKeys(db, schema, new Date(Date.now() - days * 86_400_000)),
  };
}
