import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateAssessments1763884800004 } from './migrations/1763884800004-CreateAssessments';
import { resolvers } from './resolvers';
import { contextFactory } from './context';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 考评: assessments of stations, regions, teams and organizations, and station certification. */
export const assessments: SubgraphModule = {
  name: 'assessments',
  dbSchema: 'assessments',
  defaultPort: 4005,
  entities: [],
  migrations: [CreateAssessments1763884800004],
  definition: (db: DataSource) => ({ name: 'assessments', typeDefs, resolvers, createContext: contextFactory(db) }),
};
