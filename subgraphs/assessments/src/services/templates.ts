import type { DataSource } from 'typeorm';
import { badUserInput, type Write } from '@civic/shared';
import { maxTotal } from '../domain/scoring';
import { TEMPLATES, TemplateDefinition } from '../seed/templates';
import { templateRepository, TemplateRow } from '../repositories/templates';

const CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** A template definition checked at the edge: named items, positive maxima and weights, thresholds within reach. */
export function checkDefinition(def: TemplateDefinition): TemplateDefinition {
  if (!CODE.test(def.code)) throw badUserInput('code must be upper-case letters, digits and _', { argument: 'code' });
  if (!def.name.trim() || def.name.length > 200) throw badUserInput('name must be 1 to 200 characters', { argument: 'name' });
  const items = def.categories.flatMap((c) => c.items.map((i) => ({ ...i, category: c.name.trim() })));
  if (!items.length || def.categories.some((c) => !c.name.trim() || !c.items.length)) {
    throw badUserInput('every category needs a name and at least one item', { argument: 'categories' });
  }
  for (const item of items) {
    if (!item.name.trim()) throw badUserInput('every item needs a name', { argument: 'categories' });
    if (!(item.maxScore > 0 && item.maxScore <= 10_000) || !((item.weight ?? 1) > 0 && (item.weight ?? 1) <= 100)) {
      throw badUserInput(`item "${item.name}" needs a maximum score in (0, 10000] and a weight in (0, 100]`, { argument: 'categories' });
    }
  }
  const max = maxTotal(items.map((i, n) => ({ id: String(n), name: i.name, maxScore: i.maxScore, weight: i.weight ?? 1 })));
  const within = (v: number) => Number.isFinite(v) && v >= 0 && v <= max;
  if (def.certificationThreshold !== null && !(within(def.certificationThreshold) && def.certificationThreshold > 0)) {
    throw badUserInput(`certificationThreshold must be within (0, ${max}]`, { argument: 'certificationThreshold' });
  }
  if (def.grades.some((g) => !g.grade.trim() || !within(g.minScore)) || new Set(def.grades.map((g) => g.grade)).size !== def.grades.length) {
    throw badUserInput(`grades need distinct names and minimum scores within [0, ${max}]`, { argument: 'grades' });
  }
  if (def.bonusRules.some((r) => !within(r.minScore) || !(r.points > 0 && r.points <= 100))) {
    throw badUserInput(`bonus rules need minimum scores within [0, ${max}] and points in (0, 100]`, { argument: 'bonusRules' });
  }
  return def;
}

const itemsOf = (def: TemplateDefinition) =>
  def.categories.flatMap((c) =>
    c.items.map((i) => ({ category: c.name.trim(), name: i.name.trim(), guidance: i.guidance.trim(), maxScore: i.maxScore, weight: i.weight ?? 1 })),
  );

/** The next version of a form; the versions before it stay for the assessments scored on them. */
export async function publishTemplate(w: Write, def: TemplateDefinition): Promise<TemplateRow> {
  const templates = templateRepository(w.tx);
  const id = (await templates.publish({ ...def, items: itemsOf(def) })) as string;
  return (await templates.findByIds([id]))[0];
}

/** Reference data every deployment needs: the seeded forms, each published once (version 1). */
export async function prepareTemplates(db: DataSource): Promise<void> {
  for (const def of TEMPLATES) {
    await db.transaction((tx) => templateRepository(tx).publish({ ...checkDefinition(def), items: itemsOf(def) }, true));
  }
}
