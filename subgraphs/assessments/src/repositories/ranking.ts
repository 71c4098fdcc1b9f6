import type { Sql } from '@civic/shared';

export interface RankRow {
  key: string;
  score: number;
  assessments: number;
  rank: number;
}

/**
 * Regions below a region (districts: 6 digits, streets: 9) by the mean total of the
 * submitted assessments at or below each; one GROUP BY over the region-code range.
 */
export const rankRegions = (db: Sql, regionCode: string, length: 6 | 9, limit: number): Promise<RankRow[]> =>
  db.query(
    `/* rankRegions */ SELECT key, score, assessments, rank() OVER (ORDER BY score DESC)::int AS rank FROM (
       SELECT left(region_code, $2) AS key, avg(total_score)::float8 AS score, count(*)::int AS assessments
       FROM assessments.assessment
       WHERE region_code >= $1 AND region_code < $1 || '~' AND length(region_code) >= $2 AND status <> 'DRAFT'
       GROUP BY left(region_code, $2)
     ) r ORDER BY score DESC, key LIMIT $3`,
    [regionCode, length, limit],
  );

/** Stations below a region by their latest submitted total. */
export const rankStations = (db: Sql, regionCode: string, limit: number): Promise<RankRow[]> =>
  db.query(
    `/* rankStations */ SELECT key, score, assessments, rank() OVER (ORDER BY score DESC)::int AS rank FROM (
       SELECT DISTINCT ON (subject_id) subject_id AS key, total_score::float8 AS score,
         count(*) OVER (PARTITION BY subject_id)::int AS assessments
       FROM assessments.assessment
       WHERE subject_type = 'STATION' AND region_code >= $1 AND region_code < $1 || '~' AND status <> 'DRAFT'
       ORDER BY subject_id, submitted_at DESC, id
     ) s ORDER BY score DESC, key LIMIT $2`,
    [regionCode, limit],
  );
