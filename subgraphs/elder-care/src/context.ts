import type { DataSource } from 'typeorm';
import { Identity, regionStatsLoader } from '@civic/shared';
import { ELDER_CARE_STATS_SQL, toElderCareStats } from './repositories/regionStats';

export interface ElderCareContext {
  identity: Identity;
  loaders: { regionStats: ReturnType<typeof createLoaders>['regionStats'] };
}

function createLoaders(db: DataSource) {
  return { regionStats: regionStatsLoader(db, ELDER_CARE_STATS_SQL, toElderCareStats) };
}

export const contextFactory =
  (db: DataSource) =>
  (identity: Identity): ElderCareContext => ({ identity, loaders: createLoaders(db) });
