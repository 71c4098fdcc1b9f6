import { badUserInput } from '@civic/shared';
import type { ScoreInput } from '../domain/scoring';

/** An integer argument within bounds, or BAD_USER_INPUT naming it. */
export function intIn(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`${argument} must be between ${min} and ${max}`, { argument });
  }
  return value;
}

/** An optional text argument of bounded length; blank is no value. */
export function optionalText(value: string | null | undefined, max: number, argument: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw badUserInput(`${argument} is longer than ${max} characters`, { argument });
  return text || null;
}

export function requiredText(value: string, max: number, argument: string): string {
  const text = optionalText(value, max, argument);
  if (!text) throw badUserInput(`${argument} must not be blank`, { argument });
  return text;
}

/** Scores as given; their items and bounds are checked against the template by the service. */
export const scoreInputs = (scores: { itemId: string; score: number; evidence?: string | null }[]): ScoreInput[] =>
  scores.map((s) => ({ itemId: s.itemId.trim().toLowerCase(), score: s.score, evidence: s.evidence ?? null }));
