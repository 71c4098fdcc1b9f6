import { monthlySeriesField, regionReference } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import type { RegionResolvers, StationStatsResolvers } from '../generated/resolvers';

// The stats carry their regionCode: it is the key the gateway hands to the
// assessments subgraph for StationStats.certified.
const stationStats = async (regionCode: string, ctx: NeighbourStationsContext) => ({
  regionCode,
  ...(await ctx.loaders.regionStats.load(regionCode)),
});

export const Region: RegionResolvers = {
  ...regionReference,
  stationStats: (region, _, ctx) => stationStats(region.code, ctx),
  stationOrdersByMonth: monthlySeriesField((ctx: NeighbourStationsContext) => ctx.loaders.ordersByMonth),
};

export const StationStats: StationStatsResolvers = {
  __resolveReference: (ref, ctx) => stationStats(ref.regionCode, ctx),
};
