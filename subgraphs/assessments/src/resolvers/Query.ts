import { assertRegionCode, assertUuid } from '@civic/shared';
import { assertOfficer, assertOversees } from '../domain/access';
import { pickForSpotCheck } from '../domain/spotCheck';
import { intIn } from '@civic/shared';
import { readableById } from './readable';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  assessment: (_, { id }, ctx) => readableById(ctx, assertUuid(id)),

  assessmentTemplates: (_, args, ctx) => ctx.templates.list(args.includeSuperseded ?? false),

  assessmentTemplate: (_, { id }, ctx) => ctx.loaders.template.load(assertUuid(id)),

  /** 随机抽查: officers only, so the stations to be visited unannounced are not known in advance. */
  async spotCheckPlan(_, args, ctx) {
    const regionCode = assertRegionCode(args.regionCode);
    const count = intIn(args.count, 1, 100, 'count');
    assertOfficer(ctx.identity);
    assertOversees(ctx.identity, regionCode);
    const certified = await ctx.certifications.certifiedIn(regionCode);
    return pickForSpotCheck(certified, count, args.seed).map((id) => ({ id }));
  },
};
