import { monthlySeriesField, regionReference } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';

// The stats carry their regionCode: it is the key the gateway hands to the
// assessments subgraph for StationStats.certified.
const stationStats = async (regionCode: string, ctx: NeighbourStationsContext) => ({
  regionCode,
  ...(await ctx.loaders.regionStats.load(regionCode)),
});

export const Region = {
  ...regionReference,
  stationStats: (region: { code: string }, _: unknown, ctx: NeighbourStationsContext) => stationStats(region.code, ctx),
  stationOrdersByMonth: monthlySeriesField((ctx: NeighbourStationsContext) => ctx.loaders.ordersByMonth),
};

export const StationStats = {
  __resolveReference: (ref: { regionCode: string }, ctx: NeighbourStationsContext) => stationStats(ref.regionCode, ctx),
};
