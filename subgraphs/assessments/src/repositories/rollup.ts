import { defineRollup, type RollupFields } from '@civic/shared';

export const ASSESSMENT_TABLE = 'assessments.assessment';
export const CERTIFICATION_TABLE = 'assessments.certification';
const SUBMITTED = `src.status IN ('SUBMITTED', 'FINAL')`;

/**
 * The assessments' public region figures as running sums (@civic/shared rollup/),
 * those ASSESSMENT_SUMMARY_SQL and CERTIFIED_STATIONS_SQL computed on every
 * request (kept in test/rollupOracle.ts as the tests' oracle). The mean score is
 * a sum over a count. `certified` counted distinct stations: a station holds at
 * most one live plaque (certification_live_idx), so it is a count of live rows.
 * Not here, computed as before: the monthly series and the rankings (an order
 * of stations, by their latest score).
 */
export const ASSESSMENT_ROLLUP = defineRollup(
  'assessments',
  [
    { name: 'assessments', table: ASSESSMENT_TABLE, where: SUBMITTED },
    { name: 'scoreTotal', table: ASSESSMENT_TABLE, value: 'src.total_score', where: SUBMITTED },
    { name: 'finalAssessments', table: ASSESSMENT_TABLE, where: `src.status = 'FINAL'` },
    { name: 'bonusPoints', table: ASSESSMENT_TABLE, value: 'src.bonus_points', where: `src.status = 'FINAL'` },
    { name: 'certified', table: CERTIFICATION_TABLE, where: 'src.suspended_at IS NULL' },
  ],
  // the rows disclosure control weighs the figures' regions by (regionsInUse)
  [ASSESSMENT_TABLE, CERTIFICATION_TABLE],
);

export const ASSESSMENT_SUMMARY_FIELDS: RollupFields = {
  assessments: 'assessments',
  averageScore: { figures: ['scoreTotal', 'assessments'], value: (sum) => (sum('assessments') ? sum('scoreTotal') / sum('assessments') : null) },
  finalAssessments: 'finalAssessments',
  bonusPoints: 'bonusPoints',
};

export const CERTIFIED_FIELDS: RollupFields = { certified: 'certified' };
