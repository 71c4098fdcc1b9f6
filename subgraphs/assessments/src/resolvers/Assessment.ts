import { isUuid } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { SUBJECT_TYPENAME } from '../domain/vocabulary';
import type { AssessmentRow, CorrectionRow, ItemScoreRow } from '../repositories/assessments';
import type { TemplateItemRow } from '../repositories/templates';
import { readableById } from './readable';

type Ctx = AssessmentsContext;

async function itemsById(ctx: Ctx, templateId: string): Promise<Map<string, TemplateItemRow>> {
  return new Map((await ctx.loaders.templateItems.load(templateId)).map((item) => [item.id, item]));
}

/** Details are for the roles issue 7 names, also when reached through `_entities`. */
export const Assessment = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => (isUuid(ref.id) ? readableById(ctx, ref.id.toLowerCase()) : null),

  template: (a: AssessmentRow, _: unknown, ctx: Ctx) => ctx.loaders.template.load(a.templateId),

  subject: (a: AssessmentRow) =>
    a.subjectType === 'REGION' ? { __typename: 'Region', code: a.subjectId } : { __typename: SUBJECT_TYPENAME[a.subjectType], id: a.subjectId },

  region: (a: AssessmentRow) => ({ code: a.regionCode }),

  assessor: (a: AssessmentRow) => (a.assessorId ? { id: a.assessorId } : null),

  async scores(a: AssessmentRow, _: unknown, ctx: Ctx) {
    const [scores, items] = await Promise.all([ctx.loaders.scores.load(a.id), itemsById(ctx, a.templateId)]);
    return scores.map((score: ItemScoreRow) => ({ ...score, item: items.get(score.itemId) }));
  },

  async passed(a: AssessmentRow, _: unknown, ctx: Ctx) {
    const template = await ctx.loaders.template.load(a.templateId);
    return template?.certificationThreshold == null ? null : a.totalScore >= template.certificationThreshold;
  },

  async corrections(a: AssessmentRow, _: unknown, ctx: Ctx) {
    const [corrections, items] = await Promise.all([ctx.loaders.corrections.load(a.id), itemsById(ctx, a.templateId)]);
    return corrections.map((c: CorrectionRow) => ({ ...c, item: items.get(c.itemId) }));
  },
};

export const AssessmentCorrection = {
  correctedBy: (c: CorrectionRow) => (c.correctedBy ? { id: c.correctedBy } : null),
};

export const AssessmentSubject = {
  __resolveType: (subject: { __typename: string }) => subject.__typename,
};
