import { seedStep } from './progress';

/** What runs a seed's statements: a TypeORM EntityManager or DataSource. */
export interface SeedDb {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * One column of a seed insert: its name, the element type of the array it is sent
 * in, how to read it off a planned row, and optionally the SQL that turns the
 * sent value into the stored one (e.g. `string_to_array(skills, ',')`, since
 * unnest flattens arrays of arrays).
 */
export type SeedColumn<R> = [column: string, type: string, pick: (row: R) => unknown, expression?: string];

/** Rows per statement: large enough that a per-statement trigger runs rarely, small enough to say it is getting on. */
export const SEED_CHUNK = 25_000;

/**
 * Inserts planned rows with one `INSERT … SELECT FROM unnest(…)` per chunk of
 * `chunk` rows, each chunk a progress line (seedStep). Set-based: a statement per
 * chunk, never a row at a time.
 */
export async function seedInsert<R>(
  db: SeedDb,
  subgraph: string,
  name: string,
  table: string,
  columns: SeedColumn<R>[],
  rows: readonly R[],
  { chunk = SEED_CHUNK, onConflict = '' }: { chunk?: number; onConflict?: string } = {},
): Promise<void> {
  const list = columns.map(([column]) => column).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const values = columns.map(([column, , , expression]) => expression ?? `u.${column}`).join(', ');
  const sql = `/* ${name} */ INSERT INTO ${table} (${list}) SELECT ${values} FROM unnest(${arrays}) AS u(${list}) ${onConflict}`;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const step = rows.length > chunk ? `${table} ${i + slice.length} of ${rows.length}` : table;
    await seedStep(subgraph, step, slice.length, () =>
      db.query(
        sql,
        columns.map(([, , pick]) => slice.map(pick)),
      ),
    );
  }
}
