import type { BackgroundJob } from './jobs';
import type { Sql } from './sql';

const BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Deletes a table's rows whose `column` is before `before`, in batches so a long
 * backlog never holds one long transaction; `name` is the statement's comment.
 * Returns how many were deleted. For the tables the graph keeps for a while and
 * then forgets: idempotency keys, delivered notices. The access logs, which refuse
 * DELETE, are monthly partitioned instead and drop whole months (db/partitions.ts,
 * partitionMaintenanceJob).
 */
export async function deleteOlderThan(db: Sql, name: string, table: string, column: string, before: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    // A SELECT over the DELETE's rows, so the count reads the same on a DataSource and a transaction.
    const [{ n }] = await db.query(
      `/* ${name} */ WITH gone AS (
         DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${column} < $1 LIMIT ${BATCH}) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before],
    );
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

/** A retention as a background job: hourly, pruning what is older than `days`. */
export function retentionJob(name: string, days: number, prune: (db: Sql, before: Date) => Promise<number>, runAtStart = false): BackgroundJob {
  return { name, everyMs: 3_600_000, runAtStart, run: (db) => prune(db, new Date(Date.now() - days * DAY_MS)) };
}
