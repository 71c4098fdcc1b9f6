import { isUuid } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { maxTotal } from '../domain/scoring';
import type { TemplateItemRow, TemplateRow } from '../repositories/templates';
import type { AssessmentTemplateResolvers } from '../generated/resolvers';

type Ctx = AssessmentsContext;
const items = (t: TemplateRow, ctx: Ctx) => ctx.loaders.templateItems.load(t.id);

/** Templates are public: the standard is known to those scored on it (做有标尺). */
export const AssessmentTemplate: AssessmentTemplateResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.template.load(ref.id.toLowerCase()) : null),
  items: (t, _, ctx) => items(t, ctx),
  itemCount: async (t, _, ctx) => (await items(t, ctx)).length,
  maxScore: async (t, _, ctx) => maxTotal(await items(t, ctx)),
  async categories(t, _, ctx) {
    const byCategory = new Map<string, TemplateItemRow[]>();
    for (const item of await items(t, ctx)) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
    return [...byCategory].map(([name, list]) => ({ name, items: list, maxScore: maxTotal(list) }));
  },
};
