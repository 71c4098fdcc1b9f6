import type { ScoreInput } from '../domain/scoring';

/** Scores as given; their items and bounds are checked against the template by the service. */
export const scoreInputs = (scores: { itemId: string; score: number; evidence?: string | null }[]): ScoreInput[] =>
  scores.map((s) => ({ itemId: s.itemId.trim().toLowerCase(), score: s.score, evidence: s.evidence ?? null }));
