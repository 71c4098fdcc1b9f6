import path from 'node:path';
import type { DataSource } from 'typeorm';
import { gatewayPeople, type GraphServices, loadTypeDefs, noticeJobs, SubgraphModule } from '@civic/shared';
import { CreateElderCare1763884800001 } from './migrations/1763884800001-CreateElderCare';
import { ProgrammeAndRequests1764057600001 } from './migrations/1764057600001-ProgrammeAndRequests';
import { TimeBank1764057600002 } from './migrations/1764057600002-TimeBank';
import { DoubleEntryTimeBank1764748800001 } from './migrations/1764748800001-DoubleEntryTimeBank';
import { CareDataAccessLog1764230400001 } from './migrations/1764230400001-CareDataAccessLog';
import { IdempotencyKeys1796083200001 } from './migrations/1796083200001-IdempotencyKeys';
import { timeBankMetrics } from './metrics';
import { AuditRequestId1796256000001 } from './migrations/1796256000001-AuditRequestId';
import { ElderEnrolment1796342400001 } from './migrations/1796342400001-ElderEnrolment';
import { RequestListIndex1796428800001 } from './migrations/1796428800001-RequestListIndex';
import { NoticeOutbox1796860800002 } from './migrations/1796860800002-NoticeOutbox';
import { Emergencies1796947200001 } from './migrations/1796947200001-Emergencies';
import { PartitionedAudit1798000000002 } from './migrations/1798000000002-PartitionedAudit';
import { PartitionedRequests1798000000005 } from './migrations/1798000000005-PartitionedRequests';
import { RegionRollup1798200000001 } from './migrations/1798200000001-RegionRollup';
import { RollupCoveringKey1798400000011 } from './migrations/1798400000011-RollupCoveringKey';
import { PostTransfersPerStatement1798300000001 } from './migrations/1798300000001-PostTransfersPerStatement';
import { PartitionedLedger1798400000001 } from './migrations/1798400000001-PartitionedLedger';
import { PartitionedChildrenFillWhenMissing1798400000002 } from './migrations/1798400000002-PartitionedChildrenFillWhenMissing';
import { LEDGER_PARTITIONING } from './domain/timeBank';
import { ELDER_CARE_ROLLUP } from './repositories/rollup';
import { resolvers } from './resolvers';
import { writes } from './resolvers/Mutation';
import { contextFactory } from './context';
import { seedElderCare } from './seed';
import { hoursSweep } from './services/hoursReview';
import { emergencySweep } from './services/emergencySweep';
import { CARE_DATA_ACCESS } from './domain/audit';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 金厝边 elder care: elders, service requests and the time bank. */
export const elderCare: SubgraphModule = {
  name: 'elder-care',
  dbSchema: 'elder_care',
  auditTables: [CARE_DATA_ACCESS],
  monthlyTables: [LEDGER_PARTITIONING],
  defaultPort: 4002,
  entities: [],
  migrations: [
    CreateElderCare1763884800001,
    ProgrammeAndRequests1764057600001,
    TimeBank1764057600002,
    CareDataAccessLog1764230400001,
    DoubleEntryTimeBank1764748800001,
    IdempotencyKeys1796083200001,
    AuditRequestId1796256000001,
    ElderEnrolment1796342400001,
    RequestListIndex1796428800001,
    NoticeOutbox1796860800002,
    Emergencies1796947200001,
    PartitionedAudit1798000000002,
    PartitionedRequests1798000000005,
    RegionRollup1798200000001,
    PostTransfersPerStatement1798300000001,
    PartitionedLedger1798400000001,
    PartitionedChildrenFillWhenMissing1798400000002,
    RollupCoveringKey1798400000011,
  ],
  rollup: ELDER_CARE_ROLLUP,
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'elder-care',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, gatewayPeople(services), services.clock),
  }),
  jobs: [hoursSweep, emergencySweep, ...noticeJobs('elder_care')],
  writes,
  metrics: timeBankMetrics,
  isEmpty: async (db) => (await db.query(`/* anyElder */ SELECT 1 FROM elder_care.elder LIMIT 1`)).length === 0,
  seed: async (db, options) => {
    await seedElderCare(db, options);
  },
  // The elders, for the seeds of partner subgraphs that serve them (elder canteens); they never read these tables.
  population: async (db) => ({
    elders: await db.query(
      `/* seedPopulationElders */ SELECT id, person_id AS "personId", region_code AS "regionCode", conditions FROM elder_care.elder ORDER BY id`,
    ),
    pilots: await db.query(`/* seedPopulationPilots */ SELECT region_code AS "regionCode" FROM elder_care.pilot_community ORDER BY region_code`),
    // Who serves elder care already: the volunteer seeds after it pick theirs among the rest of the working-age (or on purpose among these).
    careVolunteers: await db.query(
      `/* seedPopulationCareVolunteers */ SELECT DISTINCT m.person_id AS "personId" FROM elder_care.service_team_member m
       JOIN elder_care.service_team t ON t.id = m.team_id WHERE t.kind = 'VOLUNTEER_TEAM' ORDER BY 1`,
    ),
  }),
};
