import { askedFields, monthlySeriesField, regionReference } from '@civic/shared';
import type { GraphQLResolveInfo } from 'graphql';
import type { NeighbourStationsContext } from '../context';
import type { RegionResolvers, StationStatsResolvers } from '../generated/resolvers';

// The stats carry their regionCode: it is the key the gateway hands to the
// assessments subgraph for StationStats.certified.
// Only the figures asked for are read (from the rollup).
const stationStats = async (regionCode: string, ctx: NeighbourStationsContext, info: GraphQLResolveInfo) => ({
  regionCode,
  ...(await ctx.loaders.regionStats.load(regionCode, askedFields(info))),
});

export const Region: RegionResolvers = {
  ...regionReference,
  stationStats: (region, _, ctx, info) => stationStats(region.code, ctx, info),
  stationOrdersByMonth: monthlySeriesField((ctx: NeighbourStationsContext) => ctx.loaders.ordersByMonth),
};

export const StationStats: StationStatsResolvers = {
  __resolveReference: (ref, ctx, info) => stationStats(ref.regionCode, ctx, info),
};
