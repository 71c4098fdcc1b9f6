import type { Sql } from '../sql';
import { figureRowsSql, type Rollup } from './figures';

/**
 * The rollup recomputed from scratch: emptied, then one aggregate statement per
 * figure (the union of its parts). The migration's backfill; also for a bulk load that
 * bypasses the triggers (session_replication_role = replica, COPY into a
 * detached partition) and for tests.
 */
export function rebuildRollupSql(rollup: Rollup): string[] {
  return [
    `/* rebuildRollup */ DELETE FROM ${rollup.table}`,
    ...refillFiguresSql(
      rollup,
      rollup.figures.map((figure) => figure.name),
    ),
  ];
}

/** The INSERTs that compute these figures afresh (their rows deleted first), one per figure. */
export function refillFiguresSql(rollup: Rollup, names: readonly string[]): string[] {
  return [
    ...[...new Set(names)].map((name) => {
      const parts = rollup.figures.filter((figure) => figure.name === name).map((figure) => figureRowsSql(figure, figure.table));
      return `/* rebuildRollup:${name} */ INSERT INTO ${rollup.table} (figure, region_code, value)
        SELECT figure, region_code, sum(value) FROM (${parts.join(' UNION ALL ')}) parts
        WHERE region_code IS NOT NULL GROUP BY figure, region_code HAVING sum(value) <> 0`;
    }),
  ];
}

/** Runs the rebuild on `db` (call it inside a transaction to publish it at once). */
export async function rebuildRollup(db: Sql, rollup: Rollup): Promise<void> {
  for (const statement of rebuildRollupSql(rollup)) await db.query(statement);
}
