/**
 * The tests' oracle: the canteens' region figures as the subgraph computed them from its
 * tables on every request before the rollup (issue 15.2). Every rollup figure
 * must equal these.
 */
/** One row per region code: figures at or below it, each a range scan on a region_code index. */
export const CANTEEN_STATS_SQL = `/* canteenStats */
  SELECT r.code,
    (SELECT count(*) FROM elder_canteens.canteen c
      WHERE c.region_code >= r.code AND c.region_code < r.code || '~' AND c.status = 'OPEN')::int AS canteens,
    (SELECT count(*) FROM elder_canteens.diner d
      WHERE d.region_code >= r.code AND d.region_code < r.code || '~')::int AS diners,
    m.meals, m.subsidy_cents
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS meals, coalesce(sum(subsidy_cents), 0)::bigint AS subsidy_cents
    FROM elder_canteens.meal WHERE region_code >= r.code AND region_code < r.code || '~'
  ) m`;

interface CanteenStatsRow {
  code: string;
  canteens: number;
  diners: number;
  meals: number;
  subsidy_cents: string;
}

export const toCanteenStatsOracle = (row: CanteenStatsRow | undefined) => ({
  canteens: row?.canteens ?? 0,
  diners: row?.diners ?? 0,
  mealsServed: row?.meals ?? 0,
  subsidyPaid: Number(row?.subsidy_cents ?? 0) / 100,
});
