import { isUuid, loadReferenced } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { SUBJECT_TYPENAME } from '../domain/vocabulary';
import type { CorrectionRow, ItemScoreRow } from '../repositories/assessments';
import type { TemplateItemRow } from '../repositories/templates';
import { readableById } from './readable';
import type { AssessmentCorrectionResolvers, AssessmentResolvers, AssessmentSubjectResolvers } from '../generated/resolvers';

type Ctx = AssessmentsContext;

/** An assessment's subject as its resolver gives it: a reference to another subgraph's entity, typed by name. */
export type SubjectReference =
  { __typename: 'Region'; code: string } | { __typename: Exclude<(typeof SUBJECT_TYPENAME)[keyof typeof SUBJECT_TYPENAME], 'Region'>; id: string };

async function itemsById(ctx: Ctx, templateId: string): Promise<Map<string, TemplateItemRow>> {
  return new Map((await ctx.loaders.templateItems.load(templateId)).map((item) => [item.id, item]));
}

/** A score's item is its template's (a foreign key): missing, the reference is broken. */
function referencedItem(items: Map<string, TemplateItemRow>, id: string): TemplateItemRow {
  const item = items.get(id);
  if (!item) throw new Error(`template item ${id} is missing: a broken reference`);
  return item;
}

/** Details are for the roles issue 7 names, also when reached through `_entities`. */
export const Assessment: AssessmentResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? readableById(ctx, ref.id.toLowerCase()) : null),

  template: (a, _, ctx) => loadReferenced(ctx.loaders.template, a.templateId, 'template'),

  subject: (a) =>
    a.subjectType === 'REGION' ? { __typename: 'Region' as const, code: a.subjectId } : { __typename: SUBJECT_TYPENAME[a.subjectType], id: a.subjectId },

  region: (a) => ({ code: a.regionCode }),

  assessor: (a) => (a.assessorId ? { id: a.assessorId } : null),

  async scores(a, _, ctx) {
    const [scores, items] = await Promise.all([ctx.loaders.scores.load(a.id), itemsById(ctx, a.templateId)]);
    return scores.map((score: ItemScoreRow) => ({ ...score, item: referencedItem(items, score.itemId) }));
  },

  async passed(a, _, ctx) {
    const template = await ctx.loaders.template.load(a.templateId);
    return template?.certificationThreshold == null ? null : a.totalScore >= template.certificationThreshold;
  },

  async corrections(a, _, ctx) {
    const [corrections, items] = await Promise.all([ctx.loaders.corrections.load(a.id), itemsById(ctx, a.templateId)]);
    return corrections.map((c: CorrectionRow) => ({ ...c, item: items.get(c.itemId) }));
  },
};

export const AssessmentCorrection: AssessmentCorrectionResolvers = {
  correctedBy: (c) => (c.correctedBy ? { id: c.correctedBy } : null),
};

export const AssessmentSubject: AssessmentSubjectResolvers = {
  __resolveType: (subject) => subject.__typename,
};
