import { fixedClock } from '../clock';

/**
 * What the subgraphs' trend tests share (monthlySeries.ts): a clock stopped on
 * 15 June 2026 at noon in China, so the last 12 months are 2025-07 … 2026-06.
 */
export const TREND_NOW = '2026-06-15T12:00:00+08:00';
export const trendClock = fixedClock(TREND_NOW);
export const TWELVE_MONTHS = [
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
];

/** Region entities with `fields`, as the gateway asks a subgraph for them; `fields` may use `$months`, an optional Int. */
export const regionSeriesQuery = (fields: string) =>
  `query ($codes: [_Any!]!${fields.includes('$months') ? ', $months: Int' : ''}) { _entities(representations: $codes) { ... on Region { code ${fields} } } }`;
export const regionRefs = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });

/** A series as month → value, leaving out the zeros. */
export const nonZeroMonths = (series: { month: string; value: number }[]) =>
  Object.fromEntries(series.filter((m) => m.value !== 0).map((m) => [m.month, m.value]));
