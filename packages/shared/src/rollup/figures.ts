/**
 * Per-region rollups (issue 15.2): a subgraph's public region figures kept as
 * running sums in one table of its schema, `<schema>.region_rollup(figure,
 * region_code, value)`, so a dashboard sums a few rows instead of aggregating
 * the domain tables on every request.
 *
 * Each figure is declared once, here in data: the table whose rows it sums, the
 * value each row adds (1 to count rows), which rows count, and the region a row
 * counts in. From that one declaration come the migration's triggers, which keep
 * the sums exact in the same transaction as every write (triggers.ts), the
 * rebuild (rebuild.ts) and the reader (reader.ts).
 *
 * Only sums fit: a median, a distinct count or a figure that depends on the
 * current time (this month's series) cannot be kept by adding each row's part.
 */
export interface RollupFigure {
  /**
   * e.g. `openRequests`. A figure may be declared in parts under one name, each
   * its own rows (a transfer adds its hours where it is credited and takes them
   * away where it is debited): its sum is theirs together.
   */
  name: string;
  /** the table whose rows are summed, schema-qualified; its rows are `src` in the expressions below */
  table: string;
  /** what one row adds (numeric; null adds nothing); 1 when omitted (a count) */
  value?: string;
  /** which rows count, e.g. `src.status = 'OPEN'`; every row when omitted */
  where?: string;
  /** the region a row counts in; `src.region_code` when omitted */
  region?: string;
  /**
   * A row placed by another table's row, e.g. a transfer by its request's region:
   * `{ table: 'elder_care.service_request', alias: 'sr', on: 'sr.id = src.request_id' }`.
   * Writes to the joined table move the sums too (triggers.ts): a joined row
   * inserted or deleted adds or takes away the rows that join it, and one whose
   * columns named here (`sr.…` in `on`, `where`, `region`) change moves them.
   */
  join?: { table: string; alias: string; on: string };
}

export interface Rollup {
  /** the subgraph's schema, e.g. `elder_care` */
  schema: string;
  /** `<schema>.region_rollup` */
  table: string;
  figures: readonly RollupFigure[];
  /** the tables whose region codes are in use (each has a presence figure) */
  presence: readonly string[];
}

/** The figure that counts every row of a table: the regions in use for disclosure control. */
export const presenceFigure = (table: string): string => `${table}:rows`;

const NAME = /^[A-Za-z][\w:.]*$/;
const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * A subgraph's rollup. `presence` names the tables whose region codes disclosure
 * control weighs (`regionsInUse`): each gets a figure counting all its rows, so the
 * codes in use are read from the rollup instead of scanning those tables.
 */
export function defineRollup(schema: string, figures: readonly RollupFigure[], presence: readonly string[] = []): Rollup {
  const all = [...figures, ...presence.map((table) => ({ name: presenceFigure(table), table }))];
  for (const figure of all) {
    if (!NAME.test(figure.name)) throw new Error(`rollup figure name ${JSON.stringify(figure.name)} is not a plain name`);
    if (!TABLE.test(figure.table) || !figure.table.startsWith(`${schema}.`))
      throw new Error(`rollup figure ${figure.name}: ${figure.table} is not a table of ${schema}`);
  }
  return { schema, table: `${schema}.region_rollup`, figures: all, presence };
}

/** The figures kept from each source table, in declaration order. */
export function figuresByTable(rollup: Rollup): Map<string, RollupFigure[]> {
  const byTable = new Map<string, RollupFigure[]>();
  for (const figure of rollup.figures) byTable.set(figure.table, [...(byTable.get(figure.table) ?? []), figure]);
  return byTable;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The figures whose rows join each other table (their region or filter read from it), by that table. */
export function figuresByJoinedTable(rollup: Rollup): Map<string, RollupFigure[]> {
  const byTable = new Map<string, RollupFigure[]>();
  for (const figure of rollup.figures) if (figure.join) byTable.set(figure.join.table, [...(byTable.get(figure.join.table) ?? []), figure]);
  return byTable;
}

/** The joined table's columns a figure reads (`alias.column` in its join condition, filter and region). */
export function joinedColumns(figure: RollupFigure): string[] {
  if (!figure.join) return [];
  const named = new RegExp(`\\b${figure.join.alias}\\.([a-z_][a-z0-9_]*)`, 'g');
  return [...new Set([figure.join.on, figure.where ?? '', figure.region ?? ''].flatMap((text) => [...text.matchAll(named)].map((m) => m[1])))];
}

/**
 * One figure's part of a set of rows `rows` (a table, or a trigger's transition
 * table), each row's value times `sign`: the rows of `(figure, region_code, value)`.
 * `joinRows` stands for the joined table (its transition table, or one row).
 */
export function figureRowsSql(figure: RollupFigure, rows: string, sign: 1 | -1 = 1, joinRows?: string): string {
  const value = `${sign === -1 ? '-' : ''}coalesce((${figure.value ?? '1'})::numeric, 0)`;
  const join = figure.join ? ` JOIN ${joinRows ?? figure.join.table} ${figure.join.alias} ON ${figure.join.on}` : '';
  const where = figure.where ? ` WHERE ${figure.where}` : '';
  return `SELECT ${literal(figure.name)}::text AS figure, (${figure.region ?? 'src.region_code'})::text AS region_code, ${value} AS value FROM ${rows} src${join}${where}`;
}

export { literal as sqlLiteral };
