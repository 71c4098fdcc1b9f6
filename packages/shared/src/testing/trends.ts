import { fixedClock } from '../clock';
import type { MonthlyFigure } from '../monthlySeries';
import type { SubgraphModule } from '../subgraphModule';
import { EXACT_FIGURES } from './identities';
import { startSubgraphHarness, type SubgraphHarness } from './subgraphHarness';

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
export const nonZeroMonths = (series: readonly { month: string; value: number | null }[]) =>
  Object.fromEntries(series.filter((m) => m.value !== 0).map((m) => [m.month, m.value]));

/**
 * A subgraph's trend test (call it inside `describe`): its harness on the trend
 * clock, started before the suite and stopped after it, and for `field` (a monthly
 * series of Region) the query asking it with `$months` and each region's series
 * as exact callers see it.
 */
export function trendSuite(module: SubgraphModule, field?: string) {
  let harness: SubgraphHarness | undefined;
  beforeAll(async () => {
    harness = await startSubgraphHarness(module, undefined, { clock: trendClock });
  });
  afterAll(() => harness?.stop());
  const query = field ? regionSeriesQuery(`${field}(months: $months) { month value suppressed }`) : '';
  const graph = (): SubgraphHarness => {
    if (!harness) throw new Error('trendSuite: the harness starts in beforeAll');
    return harness;
  };
  return {
    get graph(): SubgraphHarness {
      return graph();
    },
    query,
    /** `field`'s series of each region, in the order asked; fails the test on any error */
    series: async (...codes: string[]): Promise<MonthlyFigure[][]> => {
      const { body } = await graph().query(query, regionRefs(...codes), EXACT_FIGURES);
      expect(body.errors).toBeUndefined();
      return body.data._entities.map((entity: Record<string, MonthlyFigure[]>) => entity[field as string]);
    },
  };
}
