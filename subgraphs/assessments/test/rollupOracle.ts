/**
 * The tests' oracle: the assessments' region figures as the subgraph computed them from its
 * tables on every request before the rollup (issue 15.2). Every rollup figure
 * must equal these.
 */
/**
 * One row per requested region code; each covers the region and everything below
 * it, as range scans on a region_code index. An assessment of a region is stored
 * under that region's own code, so it counts for the region and those above it,
 * never for the streets or communities inside it.
 */
export const ASSESSMENT_SUMMARY_SQL = `/* assessmentSummary */
  SELECT r.code, s.assessments, s.average_score, s.final_assessments, s.bonus_points
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS assessments, avg(total_score)::float8 AS average_score,
      (count(*) FILTER (WHERE status = 'FINAL'))::int AS final_assessments,
      coalesce(sum(bonus_points) FILTER (WHERE status = 'FINAL'), 0)::float8 AS bonus_points
    FROM assessments.assessment
    WHERE region_code >= r.code AND region_code < r.code || '~'
      AND status IN ('SUBMITTED', 'FINAL')
  ) s`;

interface AssessmentSummaryRow {
  code: string;
  assessments: number;
  average_score: number | null;
  final_assessments: number;
  bonus_points: number;
}

export const toAssessmentSummaryOracle = (row: AssessmentSummaryRow | undefined) => ({
  assessments: row?.assessments ?? 0,
  averageScore: row?.average_score ?? null,
  finalAssessments: row?.final_assessments ?? 0,
  bonusPoints: row?.bonus_points ?? 0,
});

/** A suspended certification (lost after a failed check) no longer counts. */
export const CERTIFIED_STATIONS_SQL = `/* certifiedStations */
  SELECT r.code,
    (SELECT count(DISTINCT c.station_id) FROM assessments.certification c
      WHERE c.region_code >= r.code AND c.region_code < r.code || '~'
        AND c.suspended_at IS NULL)::int AS certified
  FROM unnest($1::text[]) AS r(code)`;

interface CertifiedStationsRow {
  code: string;
  certified: number;
}

export const toCertifiedStationsOracle = (row: CertifiedStationsRow | undefined) => ({
  certified: row?.certified ?? 0,
});
