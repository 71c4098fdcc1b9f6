import { badUserInput } from '@civic/shared';

export interface TemplateItem {
  id: string;
  name: string;
  maxScore: number;
  weight: number;
}

export interface ScoreInput {
  itemId: string;
  score: number;
  evidence: string | null;
}

export interface Grade {
  grade: string;
  minScore: number;
}

export interface BonusRule {
  minScore: number;
  points: number;
}

const MAX_EVIDENCE = 2000;

/** Scores are kept to two decimals (numeric(7, 2)): anything finer is not a score a form gives. */
const hasTwoDecimals = (value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

/** One score against its item: 0..max, at most two decimals. */
export function checkScore(item: TemplateItem, score: number): void {
  if (!Number.isFinite(score) || score < 0 || score > item.maxScore) {
    throw badUserInput(`the score for "${item.name}" must be between 0 and ${item.maxScore}`, { argument: 'scores', itemId: item.id });
  }
  if (!hasTwoDecimals(score)) {
    throw badUserInput(`the score for "${item.name}" has more than two decimals`, { argument: 'scores', itemId: item.id });
  }
}

export function cleanEvidence(evidence: string | null | undefined): string | null {
  const text = evidence?.trim() ?? '';
  if (text.length > MAX_EVIDENCE) throw badUserInput(`evidence is longer than ${MAX_EVIDENCE} characters`, { argument: 'scores' });
  return text || null;
}

/**
 * Checks scores against the template's items: each item known and given once, each
 * score within its bounds; with `complete`, every item present. Returns the scores
 * with their evidence trimmed, in the template's order.
 */
export function checkScores(items: readonly TemplateItem[], scores: readonly ScoreInput[], complete: boolean): ScoreInput[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const seen = new Set<string>();
  for (const given of scores) {
    const item = byId.get(given.itemId.toLowerCase());
    if (!item) throw badUserInput(`item ${given.itemId} is not an item of this template`, { argument: 'scores', itemId: given.itemId });
    if (seen.has(item.id)) throw badUserInput(`item "${item.name}" is scored twice`, { argument: 'scores', itemId: item.id });
    seen.add(item.id);
    checkScore(item, given.score);
  }
  if (complete) {
    const missing = items.filter((item) => !seen.has(item.id));
    if (missing.length) {
      throw badUserInput(`every item needs a score; missing: ${missing.map((m) => m.name).join(', ')}`, {
        argument: 'scores',
        missingItems: missing.map((m) => m.id),
      });
    }
  }
  const given = new Map(scores.map((s) => [s.itemId.toLowerCase(), s]));
  return items
    .filter((item) => given.has(item.id))
    .map((item) => {
      const s = given.get(item.id) as ScoreInput;
      return { itemId: item.id, score: s.score, evidence: cleanEvidence(s.evidence) };
    });
}

/** Σ score × weight, to two decimals; items without a score count 0 (a draft). */
export function totalScore(items: readonly TemplateItem[], scores: ReadonlyMap<string, number>): number {
  const sum = items.reduce((total, item) => total + (scores.get(item.id) ?? 0) * item.weight, 0);
  return Math.round(sum * 100) / 100;
}

/** The highest total a template gives. */
export function maxTotal(items: readonly TemplateItem[]): number {
  return Math.round(items.reduce((total, item) => total + item.maxScore * item.weight, 0) * 100) / 100;
}

/** The highest grade whose minimum the total reaches; null when it reaches none. */
export function gradeFor(grades: readonly Grade[], total: number): string | null {
  const reached = grades.filter((g) => total >= g.minScore).sort((a, b) => b.minScore - a.minScore);
  return reached[0]?.grade ?? null;
}

/** 绩效加分: the points of the highest rule the total reaches; 0 when none. */
export function bonusFor(rules: readonly BonusRule[], total: number): number {
  const reached = rules.filter((r) => total >= r.minScore).sort((a, b) => b.minScore - a.minScore);
  return reached[0]?.points ?? 0;
}
