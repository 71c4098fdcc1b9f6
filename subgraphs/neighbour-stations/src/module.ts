import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateNeighbourStations1763884800003 } from './migrations/1763884800003-CreateNeighbourStations';
import { resolvers } from './resolvers';
import { contextFactory } from './context';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 志愿服务驿站: neighbour stations, their duty rota and the resident order flow. */
export const neighbourStations: SubgraphModule = {
  name: 'neighbour-stations',
  dbSchema: 'neighbour_stations',
  defaultPort: 4004,
  entities: [],
  migrations: [CreateNeighbourStations1763884800003],
  definition: (db: DataSource) => ({ name: 'neighbour-stations', typeDefs, resolvers, createContext: contextFactory(db) }),
};
