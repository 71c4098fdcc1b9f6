import type { MonthlySource } from '@civic/shared';

/** A region's figures (VeteranStats), read from the rollup (repositories/rollup.ts): only those a caller asks for. */
export interface VeteranStats {
  veterans: number;
  teams: number;
  activities: number;
  partyMembers: number;
  volunteerHours: number;
  stories: number;
  shifts: number;
  honourHallVisitors: number;
}

/**
 * Activities per month (the dashboard's trend, @civic/shared monthlySeries.ts), by
 * the China-time month they start in, in the activity's own region; one still to
 * start this month is not yet counted.
 */
export const ACTIVITIES_BY_MONTH: MonthlySource = {
  name: 'veteranActivitiesByMonth',
  from: 'veteran_volunteers.activity a',
  regionCode: 'a.region_code',
  at: 'a.starts_at',
  pastOnly: true,
};
