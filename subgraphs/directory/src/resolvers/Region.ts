import { isRegionCode, parentRegionCode } from '@civic/shared';
import type { Region as RegionRow } from '../entities/Region';
import type { RegionResolvers } from '../generated/resolvers';

export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => (isRegionCode(ref.code) ? ctx.loaders.region.load(ref.code) : null),

  parent: (region, _, ctx) => (region.parentCode ? ctx.loaders.region.load(region.parentCode) : null),

  children: (region, _, ctx) => ctx.loaders.regionChildren.load(region.code),

  selfAndChildren: async (region, _, ctx) => [region, ...(await ctx.loaders.regionChildren.load(region.code))],

  async ancestors(region, _, ctx) {
    const codes: string[] = [];
    for (let code = parentRegionCode(region.code); code; code = parentRegionCode(code)) codes.unshift(code);
    const found = await ctx.loaders.region.loadMany(codes);
    return found.filter((r): r is RegionRow => r !== null && !(r instanceof Error));
  },
};
