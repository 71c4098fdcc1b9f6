import { regionReference } from '@civic/shared';
import { listSize } from './args';
import type { RegionResolvers } from '../generated/resolvers';

export const Region: RegionResolvers = {
  ...regionReference,
  elderCanteens: (region, _, ctx) => ctx.loaders.stats.load(region.code),
  canteens: (region, args, ctx) => ctx.canteens.inRegion(region.code, listSize(args.first)),
};
