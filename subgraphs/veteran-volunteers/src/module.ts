import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateVeteranVolunteers1763884800002 } from './migrations/1763884800002-CreateVeteranVolunteers';
import { resolvers } from './resolvers';
import { contextFactory } from './context';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 退役军人志愿服务: veterans, their volunteer teams and the activities they hold. */
export const veteranVolunteers: SubgraphModule = {
  name: 'veteran-volunteers',
  dbSchema: 'veteran_volunteers',
  defaultPort: 4003,
  entities: [],
  migrations: [CreateVeteranVolunteers1763884800002],
  definition: (db: DataSource) => ({ name: 'veteran-volunteers', typeDefs, resolvers, createContext: contextFactory(db) }),
};
