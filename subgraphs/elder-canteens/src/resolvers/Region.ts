import { askedFields, regionReference } from '@civic/shared';
import { listSize } from './args';
import type { RegionResolvers } from '../generated/resolvers';

export const Region: RegionResolvers = {
  ...regionReference,
  // only the figures asked for are read (from the rollup)
  elderCanteens: (region, _, ctx, info) => ctx.loaders.stats.load(region.code, askedFields(info)),
  canteens: (region, args, ctx) => ctx.canteens.inRegion(region.code, listSize(args.first)),
};
