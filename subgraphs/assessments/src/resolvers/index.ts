import { regionReference } from '@civic/shared';
import type { AssessmentsContext } from '../context';

export const resolvers = {
  Region: {
    ...regionReference,
    assessmentSummary: (region: { code: string }, _: unknown, ctx: AssessmentsContext) =>
      ctx.loaders.assessmentSummary.load(region.code),
  },
  StationStats: {
    __resolveReference: async (ref: { regionCode: string }, ctx: AssessmentsContext) => ({
      regionCode: ref.regionCode,
      ...(await ctx.loaders.certifiedStations.load(ref.regionCode)),
    }),
  },
};
