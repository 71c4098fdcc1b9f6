import type { AssessmentKind } from './vocabulary';

export interface CertificationFacts {
  kind: AssessmentKind;
  total: number;
  threshold: number;
  /** when the station's live plaque was given; null when it holds none */
  certifiedAt: Date | null;
  /** when the assessment was submitted (the visit's record) */
  submittedAt: Date;
}

export type CertificationDecision = 'CERTIFY' | 'SUSPEND' | 'NONE';

/**
 * 授牌 and 授后督导 (seed 001): a final routine evaluation reaching the threshold
 * certifies a station that holds no plaque. A spot check or unannounced visit is a
 * check of a plaque, not an evaluation: it never certifies, and one that falls
 * short, made after the plaque was given, suspends it. A routine evaluation that
 * falls short does not take a plaque away: only the checks do.
 */
export function decideCertification(facts: CertificationFacts): CertificationDecision {
  const passed = facts.total >= facts.threshold;
  if (facts.kind === 'ROUTINE') return passed && !facts.certifiedAt ? 'CERTIFY' : 'NONE';
  return !passed && facts.certifiedAt && facts.submittedAt >= facts.certifiedAt ? 'SUSPEND' : 'NONE';
}
