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
 * 授牌 and 授后督导 (seed 001): a final evaluation reaching the threshold certifies a
 * station that holds no plaque; a spot check or unannounced visit that falls short,
 * made after the plaque was given, suspends it. A routine evaluation that falls
 * short does not take a plaque away: only the checks do.
 */
export function decideCertification(facts: CertificationFacts): CertificationDecision {
  const passed = facts.total >= facts.threshold;
  if (!facts.certifiedAt) return passed ? 'CERTIFY' : 'NONE';
  const isCheck = facts.kind === 'SPOT_CHECK' || facts.kind === 'UNANNOUNCED_VISIT';
  return !passed && isCheck && facts.submittedAt >= facts.certifiedAt ? 'SUSPEND' : 'NONE';
}
