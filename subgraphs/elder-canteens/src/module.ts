import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type GraphServices, loadTypeDefs, SubgraphModule } from '@civic/shared';
import { CreateElderCanteens1795430264611 } from './migrations/1795430264611-CreateElderCanteens';
import { IdempotencyKeys1796083200006 } from './migrations/1796083200006-IdempotencyKeys';
import { RegionRollup1798200000006 } from './migrations/1798200000006-RegionRollup';
import { RollupCoveringKey1798400000016 } from './migrations/1798400000016-RollupCoveringKey';
import { CANTEEN_ROLLUP } from './repositories/rollup';
import { contextFactory } from './context';
import { gatewayElders } from './elders';
import { writes } from './resolvers/Mutation';
import { resolvers } from './resolvers';
import { seedElderCanteens } from './seed';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 长者食堂: elder canteens run by a partner social-work agency, made with npm run subgraph:new. */
export const elderCanteens: SubgraphModule = {
  name: 'elder-canteens',
  dbSchema: 'elder_canteens',
  defaultPort: 4006,
  entities: [],
  migrations: [CreateElderCanteens1795430264611, IdempotencyKeys1796083200006, RegionRollup1798200000006, RollupCoveringKey1798400000016],
  rollup: CANTEEN_ROLLUP,
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'elder-canteens',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, gatewayElders(services)),
  }),
  writes,
  isEmpty: async (db) => (await db.query(`/* anyCanteen */ SELECT 1 FROM elder_canteens.canteen LIMIT 1`)).length === 0,
  seed: (db, options) => seedElderCanteens(db, options),
};
