import { assertRegionCode, assertUuid } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { assertOfficer, assertOversees } from '../domain/access';
import { pickForSpotCheck } from '../domain/spotCheck';
import { intIn } from '@civic/shared';
import { readableById } from './readable';

type Ctx = AssessmentsContext;

export const Query = {
  assessment: (_: unknown, { id }: { id: string }, ctx: Ctx) => readableById(ctx, assertUuid(id)),

  assessmentTemplates: (_: unknown, args: { includeSuperseded?: boolean | null }, ctx: Ctx) =>
    ctx.templates.list(args.includeSuperseded ?? false),

  assessmentTemplate: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.loaders.template.load(assertUuid(id)),

  /** 随机抽查: officers only, so the stations to be visited unannounced are not known in advance. */
  async spotCheckPlan(_: unknown, args: { regionCode: string; count: number; seed: number }, ctx: Ctx) {
    const regionCode = assertRegionCode(args.regionCode);
    const count = intIn(args.count, 1, 100, 'count');
    assertOfficer(ctx.identity);
    assertOversees(ctx.identity, regionCode);
    const certified = await ctx.certifications.certifiedIn(regionCode);
    return pickForSpotCheck(certified, count, args.seed).map((id) => ({ id }));
  },
};
