import type { DataSource } from 'typeorm';
import { Identity, regionStatsLoader } from '@civic/shared';
import { STATION_STATS_SQL, toStationStats } from './repositories/regionStats';

export interface NeighbourStationsContext {
  identity: Identity;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(db: DataSource) {
  return { regionStats: regionStatsLoader(db, STATION_STATS_SQL, toStationStats) };
}

export const contextFactory =
  (db: DataSource) =>
  (identity: Identity): NeighbourStationsContext => ({ identity, loaders: createLoaders(db) });
