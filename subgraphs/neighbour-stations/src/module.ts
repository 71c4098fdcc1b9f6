import path from 'node:path';
import type { DataSource } from 'typeorm';
import { GraphServices, loadTypeDefs, noticeJobs, reminderSweep, subgraphCheckInCodes, SubgraphModule } from '@civic/shared';
import { NoticeOutbox1796860800004 } from './migrations/1796860800004-NoticeOutbox';
import { RegionRollup1798200000003 } from './migrations/1798200000003-RegionRollup';
import { RollupCoveringKey1798400000013 } from './migrations/1798400000013-RollupCoveringKey';
import { PartitionedChildrenFillWhenMissing1798400000003 } from './migrations/1798400000003-PartitionedChildrenFillWhenMissing';
import { STATION_ROLLUP } from './repositories/rollup';
import { CreateNeighbourStations1763884800003 } from './migrations/1763884800003-CreateNeighbourStations';
import { StationsRotaOrders1763971200003 } from './migrations/1763971200003-StationsRotaOrders';
import { IdempotencyKeys1796083200003 } from './migrations/1796083200003-IdempotencyKeys';
import { DutyUnitMembers1796083200013 } from './migrations/1796083200013-DutyUnitMembers';
import { StationRegistry1796169600003 } from './migrations/1796169600003-StationRegistry';
import { DutyCheckInMethods1796428800003 } from './migrations/1796428800003-DutyCheckInMethods';
import { PartitionedOrders1798000000004 } from './migrations/1798000000004-PartitionedOrders';
import { gatewayDirectory } from './directory';
import { resolvers } from './resolvers';
import { writes } from './resolvers/mutations';
import { contextFactory } from './context';
import { seedNeighbourStations } from './seed';
import { dueDutySlots } from './repositories/reminders';
import { dutyReminder } from './domain/notices';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 志愿服务驿站: neighbour stations, their duty rota and the resident order flow. */
export const neighbourStations: SubgraphModule = {
  name: 'neighbour-stations',
  dbSchema: 'neighbour_stations',
  // The 15-minute circle's distances (migration StationsRotaOrders); installed by the administrator.
  extensions: ['cube', 'earthdistance'],
  defaultPort: 4004,
  entities: [],
  migrations: [
    CreateNeighbourStations1763884800003,
    StationsRotaOrders1763971200003,
    IdempotencyKeys1796083200003,
    DutyUnitMembers1796083200013,
    StationRegistry1796169600003,
    DutyCheckInMethods1796428800003,
    NoticeOutbox1796860800004,
    PartitionedOrders1798000000004,
    RegionRollup1798200000003,
    PartitionedChildrenFillWhenMissing1798400000003,
    RollupCoveringKey1798400000013,
  ],
  rollup: STATION_ROLLUP,
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'neighbour-stations',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, gatewayDirectory(services), subgraphCheckInCodes(services), services.clock),
  }),
  writes,
  jobs: [
    ...noticeJobs('neighbour_stations'),
    reminderSweep('neighbour_stations', 'DUTY_REMINDER', async (db, from, until) => (await dueDutySlots(db, from, until)).map(dutyReminder)),
  ],
  isEmpty: async (db) => (await db.query(`/* anyStation */ SELECT 1 FROM neighbour_stations.station LIMIT 1`)).length === 0,
  seed: async (db, options) => {
    await seedNeighbourStations(db, options);
  },
  // The stations, for the assessments seed to score (it never reads these tables itself).
  population: async (db) => ({
    stations: await db.query(`/* seedPopulationStations */ SELECT id, name, region_code AS "regionCode" FROM neighbour_stations.station ORDER BY id`),
  }),
};
