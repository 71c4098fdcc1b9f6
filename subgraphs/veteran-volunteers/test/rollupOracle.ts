/**
 * The tests' oracle: the veterans' region figures as the subgraph computed them
 * from its tables on every request before the rollup (issue 15.2). Every rollup
 * figure must equal these.
 */
/**
 * One row per requested region code; each counts the region and everything below
 * it. Every subquery is a range scan on a region_code index (attendance and shifts
 * through their activity's and checkpoint's code).
 */
const inRegion = (alias: string) => `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || '~'`;

export const VETERAN_STATS_SQL = `/* veteranStats */
  SELECT r.code,
    (SELECT count(*) FROM veteran_volunteers.veteran v WHERE ${inRegion('v')})::int AS veterans,
    (SELECT count(*) FROM veteran_volunteers.veteran_team t WHERE ${inRegion('t')})::int AS teams,
    (SELECT count(*) FROM veteran_volunteers.activity a WHERE ${inRegion('a')})::int AS activities,
    (SELECT count(*) FROM veteran_volunteers.veteran v WHERE ${inRegion('v')} AND v.party_member)::int AS "partyMembers",
    (SELECT coalesce(sum(x.hours), 0) FROM veteran_volunteers.activity a
       JOIN veteran_volunteers.activity_attendance x ON x.activity_id = a.id WHERE ${inRegion('a')})::float8 AS "volunteerHours",
    (SELECT count(*) FROM veteran_volunteers.story s WHERE ${inRegion('s')})::int AS stories,
    (SELECT count(*) FROM veteran_volunteers.checkpoint c
       JOIN veteran_volunteers.shift sh ON sh.checkpoint_id = c.id WHERE ${inRegion('c')})::int AS shifts,
    (SELECT coalesce(sum(hv.visitors), 0) FROM veteran_volunteers.honour_hall_visit hv WHERE ${inRegion('hv')})::int AS "honourHallVisitors"
  FROM unnest($1::text[]) AS r(code)`;

interface VeteranStatsRow {
  code: string;
  veterans: number;
  teams: number;
  activities: number;
  partyMembers: number;
  volunteerHours: number;
  stories: number;
  shifts: number;
  honourHallVisitors: number;
}

export const toVeteranStatsOracle = (row: VeteranStatsRow | undefined) => ({
  veterans: row?.veterans ?? 0,
  teams: row?.teams ?? 0,
  activities: row?.activities ?? 0,
  partyMembers: row?.partyMembers ?? 0,
  volunteerHours: row?.volunteerHours ?? 0,
  stories: row?.stories ?? 0,
  shifts: row?.shifts ?? 0,
  honourHallVisitors: row?.honourHallVisitors ?? 0,
});
