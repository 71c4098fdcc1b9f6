import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { intIn } from './args';
import { type Clock, systemClock } from './clock';
import { isRegionCode } from './region';
import type { Identity } from './auth/identity';
import { seesExactFigures } from './disclosure/audience';
import { withheldMonths } from './disclosure/series';
import { type RegionsInUse, regionsToWeighFor } from './regionStats';

/**
 * Monthly series of a region's figures (the dashboard's trends): the last `months`
 * calendar months in China time up to and including the clock's current one, every
 * month listed (0 where nothing happened), each region covering itself and
 * everything below it, as its other statistics do (regionStats.ts).
 */

/** Fujian's time zone: months begin at midnight here, not at UTC midnight. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_MONTHS = 12;
export const MAX_MONTHS = 24;

/** One month of a series, as the schemas' `MonthlyFigure` carries it. */
export interface MonthlyFigure {
  /** YYYY-MM, in China time */
  month: string;
  /** null only when withheld (`suppressed`) */
  value: number | null;
  /** whether disclosure control withheld the value (disclosure/series.ts) */
  suppressed: boolean;
}

/** The `months` argument: 1 to 24, 12 when not given; BAD_USER_INPUT naming `months` otherwise. */
export const monthsArg = (months: number | null | undefined): number => intIn(months ?? DEFAULT_MONTHS, 1, MAX_MONTHS, 'months');

/** What a series counts: the rows of `from` in a region, by the month of an instant. */
export interface MonthlySource {
  /** the statement's name, for its `/* name *\/` comment */
  name: string;
  /** FROM items, with aliases, e.g. `elder_care.service_request sr` (joins allowed) */
  from: string;
  /** the region-code column (C collation) the range scan runs on */
  regionCode: string;
  /** the timestamptz column whose China-time month a row counts in */
  at: string;
  /** further conditions on the rows; none when omitted */
  where?: string;
  /** the aggregate per month; `count(*)` when omitted */
  value?: string;
  /** count only rows whose instant has come (an activity still to start this month does not) */
  pastOnly?: boolean;
}

/**
 * One statement for every requested region: `$1` the codes (text[]), `$2` now
 * (timestamptz), `$3` how many months. Rows are filtered to the span on the
 * instant itself (China-time month starts converted to instants), so the region's
 * index range and the time bound both apply, then grouped by month and joined to
 * `generate_series` so that months without rows answer 0.
 */
export function monthlySeriesSql(source: MonthlySource): string {
  const tz = `'${CHINA_TIME_ZONE}'`;
  return `/* ${source.name} */
  WITH span AS (
    SELECT last_month - make_interval(months => $3::int - 1) AS first_month, last_month
    FROM (SELECT date_trunc('month', $2::timestamptz AT TIME ZONE ${tz}) AS last_month) l
  ), counted AS (
    SELECT r.code, date_trunc('month', ${source.at} AT TIME ZONE ${tz}) AS month, ${source.value ?? 'count(*)'} AS value
    FROM unnest($1::text[]) AS r(code) CROSS JOIN span, ${source.from}
    WHERE ${source.regionCode} >= r.code AND ${source.regionCode} < r.code || '~'
      AND ${source.at} >= (span.first_month AT TIME ZONE ${tz})
      AND ${source.at} < ((span.last_month + interval '1 month') AT TIME ZONE ${tz})
      AND ${source.pastOnly ? `${source.at} <= $2::timestamptz` : 'true'}
      AND (${source.where ?? 'true'})
    GROUP BY r.code, 2
  )
  SELECT r.code, to_char(m.month, 'YYYY-MM') AS month, coalesce(c.value, 0)::float8 AS value
  FROM unnest($1::text[]) AS r(code) CROSS JOIN span
  CROSS JOIN LATERAL generate_series(span.first_month, span.last_month, interval '1 month') AS m(month)
  LEFT JOIN counted c ON c.code = r.code AND c.month = m.month
  ORDER BY r.code, m.month`;
}

export interface MonthlyKey {
  code: string;
  months: number;
}

/**
 * A series per region through a per-request DataLoader: the regions of one request
 * asking for the same number of months (a district and its streets) are answered
 * by one statement. `now` is read once, when the request's loaders are made, so
 * every series of one answer ends in the same month. A key that is not a region
 * code answers null. Without a clock, the system's time.
 */
export function monthlySeriesLoader(
  db: DataSource,
  source: MonthlySource,
  clock: Clock = systemClock,
  disclosure?: SeriesDisclosure,
): DataLoader<MonthlyKey, MonthlyFigure[] | null, string> {
  const exact = exactSeriesLoader(db, source, clock);
  return disclosure ? disclosedSeriesLoader(db, exact, disclosure) : exact;
}

/**
 * A series of counts is disclosure-controlled as the regions' other figures are
 * (regionStats.ts): exact for those who see the region's exact figures, otherwise
 * with small months withheld (null, `suppressed`) by disclosure/series.ts. A
 * series that is not a count (hours) takes none.
 */
export interface SeriesDisclosure {
  identity: Identity;
  /** SQL listing the region codes of the series' rows (regionCodesInUse), or a function answering them (rollupRegionsInUse) */
  regionsInUse: RegionsInUse;
}

const seriesKey = (key: MonthlyKey) => `${key.months}:${key.code}`;

function disclosedSeriesLoader(
  db: DataSource,
  exact: DataLoader<MonthlyKey, MonthlyFigure[] | null, string>,
  { identity, regionsInUse }: SeriesDisclosure,
): DataLoader<MonthlyKey, MonthlyFigure[] | null, string> {
  const controlled = new DataLoader<MonthlyKey, MonthlyFigure[] | null, string>(
    async (keys) => {
      const answers = new Map<string, MonthlyFigure[] | null>();
      for (const months of new Set(keys.map((key) => key.months))) {
        const asked = keys.filter((key) => key.months === months && isRegionCode(key.code)).map((key) => key.code);
        const weigh = await regionsToWeighFor(db, regionsInUse, asked);
        const weighed = await exact.loadMany(weigh.map((code) => ({ code, months })));
        const series = new Map(
          weigh.map((code, i) => {
            const figures = weighed[i];
            if (figures instanceof Error) throw figures;
            return [code, new Map((figures ?? []).map((f) => [f.month, f.value ?? 0]))];
          }),
        );
        const withheld = withheldMonths(series, asked);
        for (const code of asked) {
          const hidden = withheld.get(code)!;
          const figures = (await exact.load({ code, months })) ?? [];
          answers.set(
            seriesKey({ code, months }),
            figures.map((f) => (hidden.has(f.month) ? { ...f, value: null, suppressed: true } : f)),
          );
        }
      }
      return keys.map((key) => answers.get(seriesKey(key)) ?? null);
    },
    { cacheKeyFn: seriesKey },
  );
  return new DataLoader<MonthlyKey, MonthlyFigure[] | null, string>(
    (keys) => Promise.all(keys.map((key) => (seesExactFigures(identity, key.code) ? exact.load(key) : controlled.load(key)))),
    { cacheKeyFn: seriesKey },
  );
}

function exactSeriesLoader(db: DataSource, source: MonthlySource, clock: Clock): DataLoader<MonthlyKey, MonthlyFigure[] | null, string> {
  const sql = monthlySeriesSql(source);
  const now = clock().toISOString();
  return new DataLoader<MonthlyKey, MonthlyFigure[] | null, string>(
    async (keys) => {
      const series = new Map<string, MonthlyFigure[]>();
      for (const months of new Set(keys.map((key) => key.months))) {
        const codes = [...new Set(keys.filter((key) => key.months === months && isRegionCode(key.code)).map((key) => key.code))];
        if (!codes.length) continue;
        const rows: { code: string; month: string; value: number }[] = await db.query(sql, [codes, now, months]);
        for (const code of codes) series.set(`${months}:${code}`, []);
        for (const row of rows) series.get(`${months}:${row.code}`)?.push(toMonthlyFigure(row));
      }
      return keys.map((key) => series.get(`${key.months}:${key.code}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.months}:${key.code}` },
  );
}

/** A month's row as the schema's MonthlyFigure: not suppressed (disclosure control decides that, later). */
export const toMonthlyFigure = (row: { month: string; value: number }): MonthlyFigure => ({ month: row.month, value: row.value, suppressed: false });

/**
 * The resolver of a `Region.…ByMonth(months: Int = 12)` field: checks `months`
 * before any SQL, then asks the request's loader for the region's series.
 */
export const monthlySeriesField =
  <Ctx>(loaderOf: (ctx: Ctx) => DataLoader<MonthlyKey, MonthlyFigure[] | null, string>) =>
  (region: { code: string }, args: { months?: number | null }, ctx: Ctx) =>
    loaderOf(ctx).load({ code: region.code, months: monthsArg(args.months) });
