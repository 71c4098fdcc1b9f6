/**
 * One row per requested region code; each counts the region and everything below
 * it. Every subquery is a range scan on a region_code index.
 */
export const VETERAN_STATS_SQL = `/* veteranStats */
  SELECT r.code,
    (SELECT count(*) FROM veteran_volunteers.veteran v
      WHERE v.region_code >= r.code AND v.region_code < r.code || '~')::int AS veterans,
    (SELECT count(*) FROM veteran_volunteers.veteran_team t
      WHERE t.region_code >= r.code AND t.region_code < r.code || '~')::int AS teams,
    (SELECT count(*) FROM veteran_volunteers.activity a
      WHERE a.region_code >= r.code AND a.region_code < r.code || '~')::int AS activities
  FROM unnest($1::text[]) AS r(code)`;

export interface VeteranStatsRow {
  code: string;
  veterans: number;
  teams: number;
  activities: number;
}

export const toVeteranStats = (row: VeteranStatsRow | undefined) => ({
  veterans: row?.veterans ?? 0,
  teams: row?.teams ?? 0,
  activities: row?.activities ?? 0,
});
