import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { isRegionCode } from './region';

/**
 * Region statistics as one SQL aggregate per batch. `sql` receives the region
 * codes as `$1::text[]` and returns one row per code with a `code` column; each
 * code covers its region and everything below it, which the SQL expresses as the
 * range `region_code >= code AND region_code < code || '~'` (see regionCodeRange).
 */
export function regionStatsLoader<Row extends { code: string }, Stats>(
  db: DataSource,
  sql: string,
  toStats: (row: Row | undefined) => Stats,
): DataLoader<string, Stats> {
  return new DataLoader<string, Stats>(async (codes) => {
    const valid = codes.filter(isRegionCode);
    const rows: Row[] = valid.length ? await db.query(sql, [valid]) : [];
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => toStats(byCode.get(code)));
  });
}

/** A `Region` reference a domain subgraph resolves from its key alone. */
export const regionReference = {
  __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
};
