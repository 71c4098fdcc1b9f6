import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { isRegionCode } from './region';
import type { Identity } from './auth/identity';
import { seesExactFigures } from './disclosure/audience';
import { countCells, withholdCells, type CountShape, type Disclosed } from './disclosure/figures';
import { regionsToWeigh, withheldRegions } from './disclosure/rule';

/**
 * How a subgraph's region figures are disclosed: to whom (`identity`), which of
 * their fields are counts (`shape`), and `regionsInUse`, SQL listing every
 * `region_code` the figures' rows carry (`regionCodesInUse`), so that the rule can
 * weigh each asked region against its siblings.
 */
export interface Disclosure {
  identity: Identity;
  shape: CountShape;
  regionsInUse: RegionsInUse;
}

/**
 * The region codes in use, as disclosure control weighs asked regions by them
 * (regionsToWeigh): SQL listing every code the rows carry, or a function answering,
 * for the regions asked, the codes in use among the children of each of their
 * ancestors (rollupReads: a few index probes, where every code in use is a city's
 * tens of thousands).
 */
export type RegionsInUse = string | ((asked: readonly string[]) => Promise<string[]>);

/** The codes `regionsInUse` names for these asked regions: its SQL run, or its function asked. */
export const regionCodesOf = (db: DataSource, regionsInUse: RegionsInUse, asked: readonly string[]): Promise<string[]> =>
  typeof regionsInUse === 'string' ? db.query(regionsInUse).then((rows: { region_code: string }[]) => rows.map((row) => row.region_code)) : regionsInUse(asked);

/** The regions disclosure control weighs for these asked ones (regionsToWeigh), from the codes in use `regionsInUse` names for them. */
export const regionsToWeighFor = async (db: DataSource, regionsInUse: RegionsInUse, asked: readonly string[]): Promise<string[]> =>
  regionsToWeigh((await regionCodesOf(db, regionsInUse, asked)).filter(isRegionCode), asked);

/** SQL for `Disclosure.regionsInUse`: the region codes of these tables' rows. */
export const regionCodesInUse = (queryName: string, tables: readonly string[]): string =>
  `/* ${queryName} */ ${tables.map((table) => `SELECT region_code FROM ${table}`).join(' UNION ')}`;

/**
 * Region statistics as one SQL aggregate per batch. `sql` receives the region
 * codes as `$1::text[]` and returns one row per code with a `code` column (or is
 * a function answering those rows for the codes, as the rollup reader); each
 * code covers its region and everything below it, which the SQL expresses as the
 * range `region_code >= code AND region_code < code || '~'` (see regionCodeRange).
 *
 * Every answer is disclosure-controlled (disclosure/rule.ts): exact for those who
 * see a region's exact figures (seesExactFigures), otherwise with small counts
 * withheld, which takes the figures of the asked regions' ancestors and their
 * siblings (one more batch of the same SQL) and the codes in use.
 */
export function regionStatsLoader<Row extends { code: string }, Stats>(
  db: DataSource,
  sql: string | ((codes: string[]) => Promise<Row[]>),
  toStats: (row: Row | undefined) => Stats,
  disclosure: Disclosure,
): DataLoader<string, Disclosed<Stats>> {
  const exact = new DataLoader<string, Stats>(async (codes) => {
    const valid = codes.filter(isRegionCode);
    const rows: Row[] = !valid.length ? [] : typeof sql === 'string' ? await db.query(sql, [valid]) : await sql(valid);
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => toStats(byCode.get(code)));
  });
  const { identity, shape } = disclosure;
  const controlled = new DataLoader<string, Disclosed<Stats>>(async (codes) => {
    const asked = codes.filter(isRegionCode);
    const weigh = await regionsToWeighFor(db, disclosure.regionsInUse, asked);
    const weighed = await exact.loadMany(weigh);
    const cells = new Map<string, Map<string, number>>();
    weighed.forEach((stats, index) => {
      if (stats instanceof Error) throw stats;
      for (const [cell, value] of countCells(stats, shape)) {
        const byRegion = cells.get(cell) ?? new Map<string, number>();
        byRegion.set(weigh[index], value);
        cells.set(cell, byRegion);
      }
    });
    const withheld = new Map([...cells].map(([cell, byRegion]) => [cell, withheldRegions(byRegion, codes)]));
    return Promise.all(
      codes.map(async (code) => {
        const stats = await exact.load(code);
        // not a region: nothing to weigh it against, so none of its (zero) counts is told
        const hidden = isRegionCode(code)
          ? new Set([...withheld].filter(([, regions]) => regions.has(code)).map(([cell]) => cell))
          : new Set(countCells(stats, shape).keys());
        for (const cell of countCells(stats, shape, shape.exactOnly ?? []).keys()) hidden.add(cell);
        return withholdCells(stats, shape, hidden);
      }),
    );
  });
  return new DataLoader<string, Disclosed<Stats>>(async (codes) =>
    Promise.all(
      codes.map(async (code) => (seesExactFigures(identity, code) ? withholdCells(await exact.load(code), shape, new Set()) : controlled.load(code))),
    ),
  );
}

/** A `Region` reference a domain subgraph resolves from its key alone. */
export const regionReference = {
  __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
};
