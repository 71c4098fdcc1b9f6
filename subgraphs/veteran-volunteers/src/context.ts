import type { DataSource } from 'typeorm';
import { auditLog, AuditLog, auditTrail, AuditTrail, type CheckInCodes, type Clock, Identity, type PersonLookup, RequestTrace } from '@civic/shared';
import { createLoaders, VeteranLoaders } from './loaders';
import { veteranRepository, VeteranRepository } from './repositories/veterans';
import { teamRepository, TeamRepository } from './repositories/teams';
import { activityRepository, ActivityRepository } from './repositories/activities';
import { shiftRepository, ShiftRepository } from './repositories/shifts';
import { storyRepository, StoryRepository } from './repositories/stories';
import { honourHallRepository, HonourHallRepository } from './repositories/honourHall';
import { VETERAN_DATA_ACCESS } from './domain/audit';

export interface VeteranVolunteersContext {
  identity: Identity;
  db: DataSource;
  loaders: VeteranLoaders;
  veterans: VeteranRepository;
  teams: TeamRepository;
  activities: ActivityRepository;
  shifts: ShiftRepository;
  stories: StoryRepository;
  halls: HonourHallRepository;
  audit: AuditLog;
  /** the directory's people, asked through the graph (registering a veteran) */
  people: PersonLookup;
  /** this request's reads of service details, logged before they are shown */
  auditTrail: AuditTrail;
  /** activities' and shifts' check-in codes, keyed from this subgraph's own secret */
  checkInCodes: CheckInCodes;
}

export function contextFactory(db: DataSource, people: PersonLookup, checkInCodes: CheckInCodes, clock?: Clock) {
  const repositories = {
    veterans: veteranRepository(db),
    teams: teamRepository(db),
    activities: activityRepository(db),
    shifts: shiftRepository(db),
    stories: storyRepository(db),
    halls: honourHallRepository(db),
    audit: auditLog(db, VETERAN_DATA_ACCESS),
  };
  return (identity: Identity, trace: RequestTrace): VeteranVolunteersContext => ({
    identity,
    db,
    loaders: createLoaders(db, identity, clock),
    ...repositories,
    people,
    auditTrail: auditTrail(repositories.audit, identity, trace),
    checkInCodes,
  });
}
