import type { Sql } from './sql';

/** A named statement and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Inserts a row a unique key allows once, or reads the one that stands: the one way
 * a repository writes "make it unless it is there" (an appointment, an elder, a
 * meal, an idempotency key). `insert` is an `INSERT … ON CONFLICT … DO NOTHING
 * RETURNING …`; `read` selects the row holding the same key.
 *
 * Why two statements: under READ COMMITTED an INSERT that meets a concurrent
 * transaction's uncommitted row waits for it, and when that one commits, does
 * nothing; but the statement's snapshot was taken before that commit, so nothing in
 * the same statement (a CTE's `UNION ALL SELECT`) can see the winner's row. A
 * statement of its own takes a new snapshot and does (the race commit 63f5102 found
 * in appointOfficer). When the winner rolls back instead, the INSERT goes ahead.
 *
 * `made` tells the caller whether this call made the row (a registration answers
 * CONFLICT naming the standing one; a retry-safe write returns it as it is).
 */
export async function insertOrRead<T>(db: Sql, insert: Statement, read: Statement): Promise<{ row: T; made: boolean }> {
  const [made] = (await db.query(insert.sql, insert.params)) as T[];
  if (made) return { row: made, made: true };
  const [standing] = (await db.query(read.sql, read.params)) as T[];
  // Only a row deleted between the two statements gets here: nothing here deletes one.
  if (!standing) throw new Error(`insertOrRead: neither inserted nor found (${read.sql.slice(0, 60)})`);
  return { row: standing, made: false };
}
