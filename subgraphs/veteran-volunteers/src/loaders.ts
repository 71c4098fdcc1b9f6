import type { DataSource } from 'typeorm';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, pageLoader, rollupReads, rollupStatsLoader, type Identity } from '@civic/shared';
import { ACTIVITIES_BY_MONTH, type VeteranStats } from './repositories/regionStats';
import { VETERAN_FIELDS, VETERAN_ROLLUP, VETERAN_TABLES } from './repositories/rollup';
import { veteranRepository } from './repositories/veterans';
import { teamRepository } from './repositories/teams';
import { activityRepository } from './repositories/activities';
import { shiftRepository } from './repositories/shifts';
import { honourHallRepository } from './repositories/honourHall';

const VETERAN_COUNTS = ['veterans', 'teams', 'activities', 'partyMembers', 'stories', 'shifts', 'honourHallVisitors'];
/** Listed publicly by region (Query.veteranTeams, veteranActivities, veteranStories): the rest count people and what they did. */
const PUBLIC_ENTITIES = ['teams', 'activities', 'stories'];

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trend's months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const veterans = veteranRepository(db);
  const teams = teamRepository(db);
  const activities = activityRepository(db);
  const shifts = shiftRepository(db);
  const halls = honourHallRepository(db);
  // The rows the counts are drawn from, for disclosure control: their region codes, read from the rollup once per request.
  const rollup = rollupReads(db, VETERAN_ROLLUP);
  const VETERAN_REGIONS = rollup.regionsInUse(VETERAN_TABLES);
  return {
    // only the fields asked are read (askedFields in the resolver)
    regionStats: rollupStatsLoader<VeteranStats>(db, rollup, VETERAN_FIELDS, {
      identity,
      regionsInUse: VETERAN_REGIONS,
      shape: { counts: VETERAN_COUNTS, publicEntities: PUBLIC_ENTITIES },
    }),
    // activities are listed publicly with their dates (Query.veteranActivities): their months are not withheld
    activitiesByMonth: monthlySeriesLoader(db, ACTIVITIES_BY_MONTH, clock),
    veteran: keyedLoader(veterans.findByIds, (v) => v.id),
    team: keyedLoader(teams.findByIds, (t) => t.id),
    teamMembers: groupedLoader(veterans.currentMembersOf, (v) => v.teamId),
    veteranTeams: groupedLoader(teams.currentTeamsOf, (t) => t.veteranId),
    veteranMemberships: groupedLoader(teams.membershipsOf, (m) => m.veteranId),
    servicePoint: keyedLoader(teams.servicePointsByIds, (p) => p.id),
    activity: keyedLoader(activities.findByIds, (a) => a.id),
    activityAttendance: groupedLoader(activities.attendanceOf, (a) => a.activityId),
    teamActivities: pageLoader(activities.pagesOfTeams, (a) => a.teamId),
    teamActivityCount: keyedLoader(activities.countsOfTeams, (c) => c.teamId),
    checkpoint: keyedLoader(shifts.checkpointsByIds, (c) => c.id),
    hall: keyedLoader(halls.hallsByIds, (h) => h.id),
    shiftSignedUp: keyedLoader(shifts.signedUpFor, (r) => r.shiftId),
    noShows: keyedLoader(shifts.noShowsOf, (r) => r.veteranId),
  };
}
export type VeteranLoaders = ReturnType<typeof createLoaders>;
