import { holdingsOnlyPart } from '@civic/shared';

/** The assessments a person made or corrected: assessments' part of their data report. */
export const personalDataReport = holdingsOnlyPart('assessments', 'AssessmentDataPart', [
  { kind: 'assessments.assessment.assessor_id', sql: 'SELECT count(*) FROM assessments.assessment WHERE assessor_id = $1' },
  { kind: 'assessments.assessment_correction.corrected_by', sql: 'SELECT count(*) FROM assessments.assessment_correction WHERE corrected_by = $1' },
]);
