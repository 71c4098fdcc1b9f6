import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type GraphServices, loadTypeDefs, noticeJobs, SubgraphModule } from '@civic/shared';
import { noticeRepository } from './repositories/notices';
import { Region } from './entities/Region';
import { Person } from './entities/Person';
import { Organization } from './entities/Organization';
import { CreateDirectory1763884800000 } from './migrations/1763884800000-CreateDirectory';
import { EncryptIdNumbers1763971200000 } from './migrations/1763971200000-EncryptIdNumbers';
import { AuditRequestId1796256000001 } from './migrations/1796256000001-AuditRequestId';
import { PersonErasure1796428800000 } from './migrations/1796428800000-PersonErasure';
import { IdempotencyKeys1796169600000 } from './migrations/1796169600000-IdempotencyKeys';
import { PeopleVolunteersOrganizations1796169600001 } from './migrations/1796169600001-PeopleVolunteersOrganizations';
import { Volunteer } from './entities/Volunteer';
import { NoticeFeed1796860800001 } from './migrations/1796860800001-NoticeFeed';
import { NoticePush1796947200001 } from './migrations/1796947200001-NoticePush';
import { OfficerAppointments1796947200002 } from './migrations/1796947200002-OfficerAppointments';
import { Webhooks1797033600001 } from './migrations/1797033600001-Webhooks';
import { webhookRelay } from './services/webhookRelay';
import { webhookDeliveryRetention } from './repositories/webhooks';
import { VolunteerRecords1797033600002 } from './migrations/1797033600002-VolunteerRecords';
import { PartitionedAudit1798000000001 } from './migrations/1798000000001-PartitionedAudit';
import { loggingSender, noticePush } from './services/noticePush';
import { writes } from './resolvers/Mutation';
import { resolvers } from './resolvers';
import { contextFactory } from './context';
import { loadRegions } from './seed/regions';
import { seedDirectory } from './seed';
import { readPopulation } from './seed/population';
import { PERSONAL_DATA_ACCESS } from './context';

export const typeDefs = loadTypeDefs(path.join(__dirname, '..', 'schema.graphql'));

/** 目录: regions, people and organizations, the graph's one home for personal data. */
export const directory: SubgraphModule = {
  name: 'directory',
  dbSchema: 'directory',
  auditTables: [PERSONAL_DATA_ACCESS],
  defaultPort: 4001,
  entities: [Region, Person, Organization, Volunteer],
  migrations: [
    CreateDirectory1763884800000,
    EncryptIdNumbers1763971200000,
    IdempotencyKeys1796169600000,
    PeopleVolunteersOrganizations1796169600001,
    AuditRequestId1796256000001,
    PersonErasure1796428800000,
    NoticeFeed1796860800001,
    NoticePush1796947200001,
    OfficerAppointments1796947200002,
    Webhooks1797033600001,
    VolunteerRecords1797033600002,
    PartitionedAudit1798000000001,
  ],
  definition: (db: DataSource, services: GraphServices) => ({
    name: 'directory',
    typeDefs,
    resolvers,
    createContext: contextFactory(db, services),
  }),
  writes,
  // Notices leave for phones through the development sender until a provider's is configured,
  // and for partners' webhooks through the relay. The directory's own notices (a volunteer
  // moved) go from its outbox straight into its feed.
  jobs: [
    noticePush(loggingSender),
    webhookRelay,
    webhookDeliveryRetention,
    ...noticeJobs('directory', (db) => async (notices) => void (await noticeRepository(db).deliver(notices, 'directory'))),
  ],
  prepare: async (db) => {
    await loadRegions(db);
  },
  isEmpty: async (db) => (await db.query(`/* anyPerson */ SELECT 1 FROM directory.person LIMIT 1`)).length === 0,
  seed: async (db, options) => {
    await seedDirectory(db, options);
  },
  population: readPopulation,
};
