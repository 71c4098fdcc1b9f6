import { isRegionCode, parentRegionCode } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Region as RegionRow } from '../entities/Region';

export const Region = {
  __resolveReference: (ref: { code: string }, ctx: DirectoryContext) =>
    isRegionCode(ref.code) ? ctx.loaders.region.load(ref.code) : null,

  parent: (region: RegionRow, _: unknown, ctx: DirectoryContext) =>
    region.parentCode ? ctx.loaders.region.load(region.parentCode) : null,

  children: (region: RegionRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.regionChildren.load(region.code),

  selfAndChildren: async (region: RegionRow, _: unknown, ctx: DirectoryContext) => [
    region,
    ...(await ctx.loaders.regionChildren.load(region.code)),
  ],

  async ancestors(region: RegionRow, _: unknown, ctx: DirectoryContext) {
    const codes: string[] = [];
    for (let code = parentRegionCode(region.code); code; code = parentRegionCode(code)) codes.unshift(code);
    const found = await ctx.loaders.region.loadMany(codes);
    return found.filter((r): r is RegionRow => r !== null && !(r instanceof Error));
  },
};
