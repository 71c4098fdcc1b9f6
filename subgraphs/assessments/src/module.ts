import path from 'node:path';
import type { DataSource } from 'typeorm';
import { GraphServices, loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateAssessments1763884800004 } from './migrations/1763884800004-CreateAssessments';
import { TemplatesScoresCorrections1764144000004 } from './migrations/1764144000004-TemplatesScoresCorrections';
import { IdempotencyKeys1796083200004 } from './migrations/1796083200004-IdempotencyKeys';
import { RegionRollup1798200000004 } from './migrations/1798200000004-RegionRollup';
import { RollupCoveringKey1798400000014 } from './migrations/1798400000014-RollupCoveringKey';
import { ASSESSMENT_ROLLUP } from './repositories/rollup';
import { resolvers } from './resolvers';
import { writes } from './resolvers/Mutation';
import { contextFactory } from './context';
import { gatewaySubjects } from './services/subjects';
import { prepareTemplates } from './services/templates';
import { seedAssessments } from './seed';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 考评: assessments of stations, regions, teams and organizations, and station certification. */
export const assessments: SubgraphModule = {
  name: 'assessments',
  dbSchema: 'assessments',
  defaultPort: 4005,
  entities: [],
  migrations: [
    CreateAssessments1763884800004,
    TemplatesScoresCorrections1764144000004,
    IdempotencyKeys1796083200004,
    RegionRollup1798200000004,
    RollupCoveringKey1798400000014,
  ],
  rollup: ASSESSMENT_ROLLUP,
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'assessments',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, gatewaySubjects(services), services.clock),
  }),
  writes,
  // The forms are reference data: every deployment scores on them.
  prepare: prepareTemplates,
  isEmpty: async (db) => (await db.query(`/* anyAssessment */ SELECT 1 FROM assessments.assessment LIMIT 1`)).length === 0,
  seed: async (db, options) => {
    await seedAssessments(db, options);
  },
};
