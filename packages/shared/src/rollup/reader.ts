import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth/identity';
import type { CountShape, Disclosed } from '../disclosure/figures';
import { regionStatsLoader } from '../regionStats';
import type { Sql } from '../sql';
import { presenceFigure, type Rollup } from './figures';
import { ancestorRegionCodes, childCodeLength, isRegionCode } from '../region';

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
    // A sum per (region, figure) pair, each a range scan of the primary key (figure, region_code). As a join the
    // planner cannot see how narrow each range is: at city size it hashed the whole table (310k rows, 580 ms) for 28 pairs.
    `/* regionRollup */ SELECT r.code, f.figure,
       coalesce((SELECT sum(x.value) FROM ${rollup.table} x
                 WHERE x.figure = f.figure AND x.region_code >= r.code AND x.region_code < r.code || '~'), 0)::text AS value
     FROM unnest($1::text[]) AS r(code) CROSS JOIN unnest($2::text[]) AS f(figure)`,
    [[...new Set(codes)], [...new Set(figures)]],
  );
  for (const row of rows) sums.get(row.code)?.set(row.figure, Number(row.value));
  return sums;
}

/**
 * A request's reads of a rollup, shared by all its loaders: the figures any of
 * them ask for in one tick (a dashboard's summary and its certified stations, a
 * district and its children) are read in one statement, and the region codes in
 * use (for disclosure control) are read once, for every table at once. Make one
 * per request (it keeps its answers).
 */
export interface RollupReads {
  read(codes: readonly string[], figures: readonly string[]): Promise<RegionSums>;
  /**
   * The codes carrying rows of these tables (their presence figures, see defineRollup)
   * that disclosure control needs for the asked regions (`RegionsInUse`): among the
   * children of each of their ancestors, those with rows below them.
   */
  regionsInUse(tables: readonly string[]): (asked: readonly string[]) => Promise<string[]>;
}

/**
 * For each (ancestor, figure), the codes of the ancestor's children with a row of
 * the figure at or below them, as a loose index scan of the primary key (figure,
 * region_code): the first code in the ancestor's range, then the first past that
 * child's whole range, and so on, one probe per child in use. A district's
 * dashboard needs the province's cities, its city's districts and its own streets,
 * about 30 probes per figure; reading every code in use instead took 42 ms at city
 * size, for every public dashboard. A row at an intermediate code (shorter than a
 * child's) is itself in use and is stepped over on its own.
 */
const childrenInUseSql = (table: string) => `/* regionsInUse */ WITH RECURSIVE walk AS (
    SELECT a.code AS ancestor, a.len, f.figure,
      (SELECT min(x.region_code) FROM ${table} x
       WHERE x.figure = f.figure AND x.region_code > a.code AND x.region_code < a.code || '~' AND x.value <> 0) AS found
    FROM unnest($1::text[], $2::int[]) AS a(code, len) CROSS JOIN unnest($3::text[]) AS f(figure)
    UNION ALL
    SELECT w.ancestor, w.len, w.figure,
      (SELECT min(x.region_code) FROM ${table} x
       WHERE x.figure = w.figure AND x.region_code < w.ancestor || '~' AND x.value <> 0
         AND x.region_code > CASE WHEN length(w.found) < w.len THEN w.found ELSE left(w.found, w.len) || '~' END)
    FROM walk w WHERE w.found IS NOT NULL
  )
  SELECT ancestor, figure, array_agg(DISTINCT left(found, len)) AS codes FROM walk WHERE found IS NOT NULL GROUP BY ancestor, figure`;

export function rollupReads(db: Sql, rollup: Rollup): RollupReads {
  const sums = new DataLoader<string, number>(async (keys) => {
    const pairs = keys.map((key) => key.split('\u0000') as [string, string]);
    const read = await readRollup(
      db,
      rollup,
      pairs.map(([code]) => code),
      pairs.map(([, figure]) => figure),
    );
    return pairs.map(([code, figure]) => read.get(code)?.get(figure) ?? 0);
  });
  const presence = rollup.presence.map(presenceFigure);
  // Per ancestor, its children in use by presence figure; each ancestor read once per request, all of a batch's in one statement.
  const childrenInUse = new DataLoader<string, Map<string, string[]>>(async (ancestors) => {
    const rows: { ancestor: string; figure: string; codes: string[] }[] = await db.query(childrenInUseSql(rollup.table), [
      ancestors,
      ancestors.map((code) => childCodeLength(code)),
      presence,
    ]);
    return ancestors.map((ancestor) => new Map(rows.filter((row) => row.ancestor === ancestor).map((row) => [row.figure, row.codes])));
  });
  return {
    async read(codes, figures) {
      const values = await sums.loadMany(codes.flatMap((code) => figures.map((figure) => `${code}\u0000${figure}`)));
      const result: RegionSums = new Map(codes.map((code) => [code, new Map()]));
      let i = 0;
      for (const code of codes) {
        for (const figure of figures) {
          const value = values[i++];
          if (value instanceof Error) throw value;
          result.get(code)!.set(figure, value);
        }
      }
      return result;
    },
    regionsInUse: (tables) => async (asked) => {
      const ancestors = [...new Set(asked.filter(isRegionCode).flatMap(ancestorRegionCodes))];
      const figures = tables.map(presenceFigure);
      const found = await childrenInUse.loadMany(ancestors);
      const codes = new Set<string>();
      for (const byFigure of found) {
        if (byFigure instanceof Error) throw byFigure;
        for (const figure of figures) for (const code of byFigure.get(figure) ?? []) codes.add(code);
      }
      return [...codes];
    },
  };
}

/** The region codes in use for these tables, read from the rollup on their own (rollupReads shares one read for all). */
export function rollupRegionsInUse(db: Sql, rollup: Rollup, tables: readonly string[]): (asked: readonly string[]) => Promise<string[]> {
  return rollupReads(db, rollup).regionsInUse(tables);
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
  reads: RollupReads,
  fields: RollupFields,
  disclosure: { identity: Identity; shape: CountShape; regionsInUse: (asked: readonly string[]) => Promise<string[]> },
): RollupStatsLoader<Stats> {
  const { shape } = disclosure;
  const loaders = new Map<string, DataLoader<string, Disclosed<Stats>>>();
  const loaderFor = (names: string[]) => {
    const specs = names.map((name) => [name, fieldSpec(fields[name])] as const);
    const figures = [...new Set(specs.flatMap(([, spec]) => spec.figures))];
    return regionStatsLoader<{ code: string; sums?: Map<string, number> }, Stats>(
      db,
      async (codes) => {
        const sums = await reads.read(codes, figures);
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
