import path from 'node:path';
import type { DataSource } from 'typeorm';
import { gatewayPeople, type GraphServices, loadTypeDefs, noticeJobs, reminderSweep, subgraphCheckInCodes, SubgraphModule } from '@civic/shared';
import { CreateVeteranVolunteers1763884800002 } from './migrations/1763884800002-CreateVeteranVolunteers';
import { VeteranDetailsAndActivities1763884800020 } from './migrations/1763884800020-VeteranDetailsAndActivities';
import { ShiftsStoriesHonourHall1763884800021 } from './migrations/1763884800021-ShiftsStoriesHonourHall';
import { VeteranDataAccessLog1763884800022 } from './migrations/1763884800022-VeteranDataAccessLog';
import { IdempotencyKeys1796083200002 } from './migrations/1796083200002-IdempotencyKeys';
import { AuditRequestId1796256000001 } from './migrations/1796256000001-AuditRequestId';
import { EnlistmentYear1796342400002 } from './migrations/1796342400002-EnlistmentYear';
import { CheckInAttendance1796428800002 } from './migrations/1796428800002-CheckInAttendance';
import { NoticeOutbox1796860800003 } from './migrations/1796860800003-NoticeOutbox';
import { PartitionedAudit1798000000003 } from './migrations/1798000000003-PartitionedAudit';
import { RegionRollup1798200000002 } from './migrations/1798200000002-RegionRollup';
import { RollupCoveringKey1798400000012 } from './migrations/1798400000012-RollupCoveringKey';
import { VETERAN_ROLLUP } from './repositories/rollup';
import { dueShifts } from './repositories/reminders';
import { shiftReminder } from './domain/notices';
import { resolvers } from './resolvers';
import { writes } from './resolvers/Mutation';
import { contextFactory } from './context';
import { seedVeteranVolunteers } from './seed';
import { VETERAN_DATA_ACCESS } from './domain/audit';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 退役军人志愿服务: veterans, their teams, activities, checkpoint shifts, stories and the honour hall. */
export const veteranVolunteers: SubgraphModule = {
  name: 'veteran-volunteers',
  dbSchema: 'veteran_volunteers',
  // Shifts that must not overlap (migration ShiftsStoriesHonourHall); installed by the administrator.
  extensions: ['btree_gist'],
  auditTables: [VETERAN_DATA_ACCESS],
  defaultPort: 4003,
  entities: [],
  migrations: [
    CreateVeteranVolunteers1763884800002,
    VeteranDetailsAndActivities1763884800020,
    ShiftsStoriesHonourHall1763884800021,
    VeteranDataAccessLog1763884800022,
    IdempotencyKeys1796083200002,
    AuditRequestId1796256000001,
    EnlistmentYear1796342400002,
    CheckInAttendance1796428800002,
    NoticeOutbox1796860800003,
    PartitionedAudit1798000000003,
    RegionRollup1798200000002,
    RollupCoveringKey1798400000012,
  ],
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'veteran-volunteers',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, gatewayPeople(services), subgraphCheckInCodes(services), services.clock),
  }),
  writes,
  rollup: VETERAN_ROLLUP,
  jobs: [
    ...noticeJobs('veteran_volunteers'),
    reminderSweep('veteran_volunteers', 'SHIFT_REMINDER', async (db, from, until) => (await dueShifts(db, from, until)).map(shiftReminder)),
  ],
  isEmpty: async (db) => (await db.query(`/* anyVeteranData */ SELECT 1 FROM veteran_volunteers.veteran_team LIMIT 1`)).length === 0,
  seed: async (db, options) => {
    await seedVeteranVolunteers(db, options);
  },
  // The teams, for the assessments seed to score (it never reads these tables itself).
  population: async (db) => ({
    veteranTeams: await db.query(
      `/* seedPopulationVeteranTeams */ SELECT id, name, region_code AS "regionCode" FROM veteran_volunteers.veteran_team ORDER BY id`,
    ),
  }),
};
