import type { MonthlySource } from '@civic/shared';

/** A region's assessment figures, read from the rollup (repositories/rollup.ts): only those a caller asks for. */
export interface AssessmentSummary {
  assessments: number;
  averageScore: number | null;
  finalAssessments: number;
  bonusPoints: number;
}

export interface CertifiedStations {
  certified: number;
}

/**
 * Assessments per month (the dashboard's trend, @civic/shared monthlySeries.ts): the
 * submitted ones (SUBMITTED or FINAL, as the summary counts), by the China-time month
 * they were submitted in; a draft never counts.
 */
export const ASSESSMENTS_BY_MONTH: MonthlySource = {
  name: 'assessmentsByMonth',
  from: 'assessments.assessment a',
  regionCode: 'a.region_code',
  at: 'a.submitted_at',
  where: `a.status IN ('SUBMITTED', 'FINAL')`,
};
