import { defineRollup, type RollupFields } from '@civic/shared';

const table = (name: string) => `veteran_volunteers.${name}`;

/** The rows disclosure control weighs the figures' regions by (regionsInUse). */
export const VETERAN_TABLES = ['veteran', 'veteran_team', 'activity', 'story', 'checkpoint', 'honour_hall_visit'].map(table);

/**
 * The veterans' public region figures (VeteranStats) as running sums (@civic/shared
 * rollup/), the figures VETERAN_STATS_SQL computed with joins on every request
 * (kept in test/rollupOracle.ts as the tests' oracle). Attendance counts in its
 * activity's region and shifts in their checkpoint's: neither ever moves. Not
 * here, computed as before: the monthly series (it depends on the current month).
 */
export const VETERAN_ROLLUP = defineRollup(
  'veteran_volunteers',
  [
    { name: 'veterans', table: table('veteran') },
    { name: 'teams', table: table('veteran_team') },
    { name: 'activities', table: table('activity') },
    { name: 'partyMembers', table: table('veteran'), where: 'src.party_member' },
    {
      name: 'volunteerHours',
      table: table('activity_attendance'),
      value: 'src.hours',
      join: { table: table('activity'), alias: 'a', on: 'a.id = src.activity_id' },
      region: 'a.region_code',
    },
    { name: 'stories', table: table('story') },
    { name: 'shifts', table: table('shift'), join: { table: table('checkpoint'), alias: 'c', on: 'c.id = src.checkpoint_id' }, region: 'c.region_code' },
    { name: 'honourHallVisitors', table: table('honour_hall_visit'), value: 'src.visitors' },
  ],
  VETERAN_TABLES,
);

/** VeteranStats' fields: each the figure of its name. */
export const VETERAN_FIELDS: RollupFields = Object.fromEntries(
  ['veterans', 'teams', 'activities', 'partyMembers', 'volunteerHours', 'stories', 'shifts', 'honourHallVisitors'].map((f) => [f, f]),
);
