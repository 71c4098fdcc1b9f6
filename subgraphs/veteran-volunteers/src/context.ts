import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';
import { createLoaders, VeteranLoaders } from './loaders';
import { veteranRepository, VeteranRepository } from './repositories/veterans';
import { teamRepository, TeamRepository } from './repositories/teams';
import { activityRepository, ActivityRepository } from './repositories/activities';
import { shiftRepository, ShiftRepository } from './repositories/shifts';
import { storyRepository, StoryRepository } from './repositories/stories';
import { honourHallRepository, HonourHallRepository } from './repositories/honourHall';

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
}

export function contextFactory(db: DataSource) {
  const repositories = {
    veterans: veteranRepository(db),
    teams: teamRepository(db),
    activities: activityRepository(db),
    shifts: shiftRepository(db),
    stories: storyRepository(db),
    halls: honourHallRepository(db),
  };
  return (identity: Identity): VeteranVolunteersContext => ({ identity, db, loaders: createLoaders(db), ...repositories });
}
