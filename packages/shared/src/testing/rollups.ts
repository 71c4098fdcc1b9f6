import type { DataSource } from 'typeorm';
import { ancestorRegionCodes, isRegionCode } from '../region';
import { regionsToWeigh } from '../disclosure/rule';
import { readRollup, rollupRegionsInUse, type RollupFields } from '../rollup/reader';
import type { Rollup } from '../rollup/figures';
import { rebuildRollupSql } from '../rollup/rebuild';
import type { Sql } from '../sql';
import { recordStatements, type StatementLog } from './statements';
import type { SubgraphHarness } from './subgraphHarness';
import type { Identity } from '../auth/identity';

/**
 * The rollup's figures against an oracle: the SQL that computed them from the
 * tables on every request before (kept in each subgraph's test folder), for every
 * region code the oracle's tables carry and every region above them. Floats are
 * compared to 9 decimals (a mean is divided in JavaScript, not in PostgreSQL).
 */
export interface RollupOracle<Row> {
  /** one row per `$1::text[]` code, as the old loader's SQL */
  sql: string;
  /** the old loader's row → figures */
  toStats: (row: Row | undefined) => Record<string, unknown>;
  /** SQL listing the region codes of the tables' rows, as the old `regionCodesInUse` */
  regionsInUse: string;
}

const round = (value: unknown) => (typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value);
const rounded = (stats: Record<string, unknown>) => Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, round(v)]));

/** Every code of these and every region above each. */
export function withAncestors(codes: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const code of codes) for (const at of [code, ...ancestorRegionCodes(code)]) all.add(at);
  return [...all].sort();
}

/** What the rollup answers and what the oracle computes, per region code, for `expect(…).toEqual(…)`. */
export async function rollupAgainstOracle<Row extends { code: string }>(
  db: Sql,
  rollup: Rollup,
  fields: RollupFields,
  oracle: RollupOracle<Row>,
): Promise<{ codes: string[]; rollup: Record<string, unknown>[]; oracle: Record<string, unknown>[] }> {
  const inUse: { region_code: string }[] = await db.query(oracle.regionsInUse);
  const codes = withAncestors(inUse.map((row) => row.region_code));
  const rows: Row[] = await db.query(oracle.sql, [codes]);
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const expected = codes.map((code) => {
    const stats = oracle.toStats(byCode.get(code));
    return { code, ...rounded(Object.fromEntries(Object.keys(fields).map((field) => [field, stats[field]]))) };
  });
  const specs = Object.entries(fields).map(
    ([name, spec]) => [name, typeof spec === 'string' ? { figures: [spec], value: (sum: (f: string) => number) => sum(spec) } : spec] as const,
  );
  const sums = await readRollup(
    db,
    rollup,
    codes,
    specs.flatMap(([, spec]) => spec.figures),
  );
  const actual = codes.map((code) => ({
    code,
    ...rounded(Object.fromEntries(specs.map(([name, spec]) => [name, spec.value((figure) => sums.get(code)?.get(figure) ?? 0)]))),
  }));
  return { codes, rollup: actual, oracle: expected };
}

/**
 * The regions disclosure control weighs (regionsToWeigh), from the codes in use as
 * it reads them now (the rollup, for the asked regions) and as it read them before
 * (every code the tables carry): for each region in use and each above it asked
 * alone, and for all of them asked at once.
 */
export async function regionsInUseAgainstOracle(db: Sql, rollup: Rollup, tables: readonly string[]): Promise<{ rollup: string[][]; oracle: string[][] }> {
  const before: { region_code: string }[] = await db.query(
    `SELECT DISTINCT region_code FROM (${tables.map((table) => `SELECT region_code FROM ${table}`).join(' UNION ')}) t`,
  );
  const everyCode = before.map((row) => row.region_code).filter(isRegionCode);
  const askings = [...withAncestors(everyCode).map((code) => [code]), withAncestors(everyCode)];
  const inUse = rollupRegionsInUse(db, rollup, tables);
  const result: { rollup: string[][]; oracle: string[][] } = { rollup: [], oracle: [] };
  for (const asked of askings) {
    result.rollup.push(regionsToWeigh(await inUse(asked), asked).sort());
    result.oracle.push(regionsToWeigh(everyCode, asked).sort());
  }
  return result;
}

/** The rollup's rows but those at zero, to compare before and after (a rolled-back write leaves them as they were). */
export const rollupRows = (db: Sql, rollup: Rollup): Promise<{ figure: string; region_code: string; value: string }[]> =>
  db.query(`SELECT figure, region_code, value::text FROM ${rollup.table} WHERE value <> 0 ORDER BY figure, region_code`);

/** The rollup as its rebuild recomputes it from the tables, without changing it (a rolled-back transaction). */
export async function rebuiltRollupRows(db: DataSource, rollup: Rollup): Promise<{ figure: string; region_code: string; value: string }[]> {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  try {
    for (const statement of rebuildRollupSql(rollup)) await runner.query(statement);
    return await rollupRows(runner, rollup);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/**
 * The statements a region-figures call sent touched nothing but the rollup: no
 * table of the schema other than `region_rollup` is named in any of them.
 */
export function domainTablesTouched(log: StatementLog, rollup: Rollup): string[] {
  const named = new RegExp(`\\b${rollup.schema}\\.(\\w+)`, 'g');
  return log.statements.flatMap((s) => [...s.sql.matchAll(named)].map((m) => m[1]).filter((table) => table !== 'region_rollup'));
}

/** The figures each rollup read asked for (its second parameter), in order. */
export const figuresRead = (log: StatementLog): string[][] =>
  log.statements.filter((s) => s.name === 'regionRollup').map((s) => [...(s.parameters[1] as string[])].sort());

/** What one call to a subgraph read: its statements' names, the tables other than the rollup they named, and the figures read. */
export async function readsOf(
  graph: Pick<SubgraphHarness, 'db' | 'query'>,
  rollup: Rollup,
  query: string,
  variables: Record<string, unknown>,
  identity?: Identity,
): Promise<{ body: any; statements: (string | null)[]; touched: string[]; figures: string[][] }> {
  const log = recordStatements(graph.db);
  try {
    const { body } = await graph.query(query, variables, identity);
    return { body, statements: log.statements.map((s) => s.name), touched: domainTablesTouched(log, rollup), figures: figuresRead(log) };
  } finally {
    log.stop();
  }
}

/** `_entities` representations of these regions, as the gateway sends them for a dashboard. */
export const regionRepresentations = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });

/**
 * The tests every subgraph's rollup takes beside its oracle test, inside its
 * `describe`: a DistrictDashboard-shaped `_entities` call (a district and its
 * children) reads the rollup alone, in two statements for the public (the codes
 * in use, the figures) and one for exact callers; a field not asked is not read
 * (`oneField`, e.g. `elderCare { elders }`, reads only `figures`); a rolled-back
 * write leaves the rollup as it was.
 */
export function rollupReadTests(options: {
  graph: () => Pick<SubgraphHarness, 'db' | 'query'>;
  rollup: Rollup;
  /** the Region fields a dashboard asks, e.g. `elderCare { elders openRequests }` */
  dashboard: string;
  oneField: { selection: string; figures: string[] };
  /** writes to roll back, on the transaction's connection */
  writes: (tx: Sql) => Promise<void>;
  expectExact: () => Promise<void>;
}): void {
  const entities = (selection: string) => `query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { ${selection} } } }`;
  const district = regionRepresentations('350105', '350105001', '350105002', '350105100', '350105102');
  const anonymous: Identity = { sub: null, roles: [], region: null };
  const exact: Identity = { sub: null, roles: ['CITY_ADMIN'], region: '35', partner: null } as Identity;

  it('when a DistrictDashboard-shaped call asks for a district and its children, then it reads the rollup alone: the codes in use and one statement of figures', async () => {
    const publicCall = await readsOf(options.graph(), options.rollup, entities(options.dashboard), district, anonymous);
    expect(publicCall.body.errors).toBeUndefined();
    expect(publicCall.statements).toEqual(['regionsInUse', 'regionRollup']);
    expect(publicCall.touched).toEqual([]);
    const exactCall = await readsOf(options.graph(), options.rollup, entities(options.dashboard), district, exact);
    expect(exactCall.body.errors).toBeUndefined();
    expect(exactCall.statements).toEqual(['regionRollup']);
    expect(exactCall.touched).toEqual([]);
  });

  it('when a caller asks for one figure, then only that one is read', async () => {
    const one = await readsOf(options.graph(), options.rollup, entities(options.oneField.selection), regionRepresentations('350105'), exact);
    expect(one.body.errors).toBeUndefined();
    expect(one.figures).toEqual([[...options.oneField.figures].sort()]);
  });

  it('when a write is rolled back, then the rollup is as it was', async () => {
    const db = options.graph().db;
    const before = await rollupRows(db, options.rollup);
    await expect(
      db.transaction(async (tx) => {
        await options.writes(tx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await rollupRows(db, options.rollup)).toEqual(before);
    await options.expectExact();
  });
}
