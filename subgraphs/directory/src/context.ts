import type { DataSource } from 'typeorm';
import { auditLog, AuditLog, auditTrail, AuditTrail, type GraphServices, Identity, RequestTrace } from '@civic/shared';
import { createLoaders, DirectoryLoaders } from './loaders';
import { organizationRepository, OrganizationRepository } from './repositories/organizations';
import { idNumberCipher, IdNumberCipher } from './domain/idNumberCipher';
import { directoryConfig } from './config';
import { webhookSecrets } from './domain/webhookSecrets';
import type { SealedBox } from './domain/sealedBox';

/** The directory's audit trail: created by the EncryptIdNumbers migration, append-only. */
export const PERSONAL_DATA_ACCESS = { schema: 'directory', table: 'personal_data_access', subjectColumn: 'person_id' };

export interface DirectoryContext {
  identity: Identity;
  /** the write path opens its one transaction on it */
  db: DataSource;
  loaders: DirectoryLoaders;
  organizations: OrganizationRepository;
  audit: AuditLog;
  /** this request's unmasked reads, logged before they are shown */
  auditTrail: AuditTrail;
  idNumbers: IdNumberCipher;
  /** seals partners' webhook signing secrets at rest */
  webhookSecrets: SealedBox;
  /** the client request (its id and operation), for what a write logs itself */
  trace: RequestTrace;
  /** the gateway and the directory's own credentials: an erasure asks the other subgraphs to drop their copies */
  graph: GraphServices;
}

export function contextFactory(db: DataSource, graph: GraphServices) {
  const organizations = organizationRepository(db);
  const audit = auditLog(db, PERSONAL_DATA_ACCESS);
  const idNumbers = idNumberCipher(directoryConfig().dataKey);
  const secrets = webhookSecrets(directoryConfig().dataKey);
  return (identity: Identity, trace: RequestTrace): DirectoryContext => ({
    identity,
    db,
    loaders: createLoaders(db),
    organizations,
    audit,
    auditTrail: auditTrail(audit, identity, trace),
    idNumbers,
    webhookSecrets: secrets,
    trace,
    graph,
  });
}
