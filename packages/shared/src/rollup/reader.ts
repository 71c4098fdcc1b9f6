import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth/identity';
import type { CountShape, Disclosed } from '../disclosure/figures';
import { regionStatsLoader } from '../regionStats';
import type { Sql } from '../sql';
import { presenceFigure, type Rollup } from './figures';

/** Each figure's sum for each region code (everything at or below it); 0 where none. */
export type RegionSums = Map<string, Map<string, number>>;

/**
 * One statement for any number of regions and figures: each region's range of
 * codes (`region_code >= code AND region_code < code || '~'`) over the rollup's
 * primary key (figure, region_code), a few rows per figure and region.
 */
export async function readRollup(db: Sql, rollup: Rollup, codes: readonly string[], figures: readonly string[]): Promise<RegionSums> {
  const sums: RegionSums = new Map(codes.map((code) => [code, new Map()]));
  if (!codes.length || !figures.length) return sums;
  const rows: { code: string; figure: string; value: string }[] = await db.query(
    `/* regionRollup */ SELECT r.code, f.figure, coalesce(sum(x.value), 0)::text AS value
     FROM unnest($1::text[]) AS r(code) CROSS JOIN unnest($2::text[]) AS f(figure)
     LEFT JOIN ${rollup.table} x ON x.figure = f.figure AND x.region_code >= r.code AND x.region_code < r.code || '~'
     GROUP BY r.code, f.figure`,
    [codes, figures],
  );
  for (const row of rows) sums.get(row.code)?.set(row.figure, Number(row.value));
  return sums;
}

/**
 * The region codes carrying rows of these tables (their presence figures, see
 * defineRollup), for disclosure control's `regionsInUse`: read from the rollup, a
 * row per table and region, instead of scanning the tables. Asked once per
 * request (the function keeps its answer: make one per request).
 */
export function rollupRegionsInUse(db: Sql, rollup: Rollup, tables: readonly string[]): () => Promise<string[]> {
  let inUse: Promise<string[]> | undefined;
  return () =>
    (inUse ??= db
      .query(`/* regionsInUse */ SELECT DISTINCT region_code FROM ${rollup.table} WHERE figure = ANY($1::text[]) AND value <> 0`, [tables.map(presenceFigure)])
      .then((rows: { region_code: string }[]) => rows.map((row) => row.region_code)));
}

/** A field of a figures type: the figures it reads and how (e.g. a mean: a sum over a count). */
export interface RollupField {
  figures: readonly string[];
  value: (sum: (figure: string) => number) => number | null;
}

/** Per field of the figures type: the figure of the same sum (its name), or how it is made of several. */
export type RollupFields = Record<string, string | RollupField>;

const fieldSpec = (spec: string | RollupField): RollupField => (typeof spec === 'string' ? { figures: [spec], value: (sum) => sum(spec) } : spec);

export interface RollupStatsLoader<Stats> {
  /**
   * A region's figures, only those `asked` (the resolver's selection, askedFields):
   * a field not asked is neither read nor in the answer. Asking `suppressed` reads
   * every count, since it names the withheld ones.
   */
  load(code: string, asked: readonly string[]): Promise<Disclosed<Stats>>;
}

/**
 * Region figures read from the rollup, under disclosure control exactly as
 * regionStatsLoader applies it (it is that loader, over the rollup's sums). The
 * regions of one request asking the same fields (a district and its children)
 * are read in one statement; each different selection gets its own batch.
 */
export function rollupStatsLoader<Stats>(
  db: DataSource,
  rollup: Rollup,
  fields: RollupFields,
  disclosure: { identity: Identity; shape: CountShape; regionsInUse: () => Promise<string[]> },
): RollupStatsLoader<Stats> {
  const { shape } = disclosure;
  const loaders = new Map<string, DataLoader<string, Disclosed<Stats>>>();
  const loaderFor = (names: string[]) => {
    const specs = names.map((name) => [name, fieldSpec(fields[name])] as const);
    const figures = [...new Set(specs.flatMap(([, spec]) => spec.figures))];
    return regionStatsLoader<{ code: string; sums?: Map<string, number> }, Stats>(
      db,
      async (codes) => {
        const sums = await readRollup(db, rollup, codes, figures);
        return codes.map((code) => ({ code, sums: sums.get(code) }));
      },
      (row) => Object.fromEntries(specs.map(([name, spec]) => [name, spec.value((figure) => row?.sums?.get(figure) ?? 0)])) as Stats,
      {
        identity: disclosure.identity,
        regionsInUse: disclosure.regionsInUse,
        shape: { ...shape, counts: shape.counts.filter((c) => names.includes(c)), exactOnly: shape.exactOnly?.filter((c) => names.includes(c)) },
      },
    );
  };
  return {
    load(code, asked) {
      const wanted = new Set(asked.includes('suppressed') ? [...asked, ...shape.counts] : asked);
      const names = Object.keys(fields).filter((name) => wanted.has(name));
      const key = names.join(',');
      let loader = loaders.get(key);
      if (!loader) loaders.set(key, (loader = loaderFor(names)));
      return loader.load(code);
    },
  };
}
