import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateElderCare1763884800001 } from './migrations/1763884800001-CreateElderCare';
import { resolvers } from './resolvers';
import { contextFactory } from './context';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 金厝边 elder care: elders, service requests and the time bank. */
export const elderCare: SubgraphModule = {
  name: 'elder-care',
  dbSchema: 'elder_care',
  defaultPort: 4002,
  entities: [],
  migrations: [CreateElderCare1763884800001],
  definition: (db: DataSource) => ({ name: 'elder-care', typeDefs, resolvers, createContext: contextFactory(db) }),
};
