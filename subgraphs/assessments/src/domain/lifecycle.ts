import type { AssessmentStatus } from './vocabulary';

export type LifecycleAction = 'SCORE_DRAFT' | 'SUBMIT' | 'FINALIZE' | 'CORRECT';

export type LifecycleDecision =
  | { kind: 'go'; status: AssessmentStatus }
  /** a retried step that already took effect: answer with the assessment, change nothing */
  | { kind: 'already' }
  | { kind: 'refuse'; message: string };

/**
 * DRAFT → SUBMITTED → FINAL. A draft's scores change freely; a submitted
 * assessment's scores are fixed and corrections are recorded beside them; a final
 * one changes no more.
 */
export function decideLifecycle(action: LifecycleAction, status: AssessmentStatus): LifecycleDecision {
  switch (action) {
    case 'SCORE_DRAFT':
      return status === 'DRAFT' ? { kind: 'go', status } : { kind: 'refuse', message: 'the assessment is submitted: record a correction instead' };
    case 'SUBMIT':
      return status === 'DRAFT' ? { kind: 'go', status: 'SUBMITTED' } : { kind: 'already' };
    case 'FINALIZE':
      if (status === 'SUBMITTED') return { kind: 'go', status: 'FINAL' };
      return status === 'FINAL' ? { kind: 'already' } : { kind: 'refuse', message: 'a draft must be submitted before it is made final' };
    case 'CORRECT':
      if (status === 'SUBMITTED') return { kind: 'go', status };
      return {
        kind: 'refuse',
        message: status === 'DRAFT' ? 'a draft is not corrected: change its scores instead' : 'the assessment is final: nothing changes any more',
      };
  }
}
