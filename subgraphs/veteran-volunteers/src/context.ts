import type { DataSource } from 'typeorm';
import { Identity, regionStatsLoader } from '@civic/shared';
import { VETERAN_STATS_SQL, toVeteranStats } from './repositories/regionStats';

export interface VeteranVolunteersContext {
  identity: Identity;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(db: DataSource) {
  return { regionStats: regionStatsLoader(db, VETERAN_STATS_SQL, toVeteranStats) };
}

export const contextFactory =
  (db: DataSource) =>
  (identity: Identity): VeteranVolunteersContext => ({ identity, loaders: createLoaders(db) });
