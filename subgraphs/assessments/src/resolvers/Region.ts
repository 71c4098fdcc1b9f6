import { askedFields, badUserInput, monthlySeriesField, regionReference } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { rankRegions, rankStations } from '../repositories/ranking';
import { intIn } from '@civic/shared';
import { readableOfSubject } from './readable';
import type { RegionResolvers, StationStatsResolvers } from '../generated/resolvers';

type Ctx = AssessmentsContext;
const UNIT_LENGTH = { DISTRICT: 6, STREET: 9 } as const;

export const Region: RegionResolvers = {
  ...regionReference,
  // only the figures asked for are read (from the rollup)
  assessmentSummary: (region, _, ctx, info) => ctx.loaders.assessmentSummary.load(region.code, askedFields(info)),
  assessmentsByMonth: monthlySeriesField((ctx: Ctx) => ctx.loaders.assessmentsByMonth),

  /** The reference only: StationStats' own resolver below answers `certified` from it. */
  stationStats: (region) => ({ regionCode: region.code }),

  /** The region as a subject (a 金厝边 pilot community): details, so read rules as for a station's assessments. */
  assessments: (region, _, ctx) => readableOfSubject(ctx, `REGION:${region.code}`),

  /** A statistic, so public: scores only, never an assessment's details. */
  async assessmentRanking(region, args, ctx) {
    const first = intIn(args.first ?? 20, 1, 100, 'first');
    if (args.unit === 'STATION') {
      const rows = await rankStations(ctx.db, region.code, first);
      return rows.map((r) => ({ ...r, region: null, station: { id: r.key } }));
    }
    const length = UNIT_LENGTH[args.unit];
    if (region.code.length > length) throw badUserInput(`a ${args.unit.toLowerCase()} ranking needs a region above that level`, { argument: 'unit' });
    const rows = await rankRegions(ctx.db, region.code, length, first);
    // a region's count of assessments is one of its figures: disclosure-controlled, as in assessmentSummary
    const summaries = await Promise.all(rows.map((r) => ctx.loaders.assessmentSummary.load(r.key, ['assessments'])));
    return rows.map((r, i) => ({ ...r, assessments: summaries[i].assessments, region: { code: r.key }, station: null }));
  },
};

export const StationStats: StationStatsResolvers = {
  __resolveReference: (ref) => ({ regionCode: ref.regionCode }),
  certified: async (stats, _, ctx) => (await ctx.loaders.certifiedStations.load(stats.regionCode, ['certified'])).certified,
  certifiedSuppressed: async (stats, _, ctx) => (await ctx.loaders.certifiedStations.load(stats.regionCode, ['certified'])).suppressed.length > 0,
};
