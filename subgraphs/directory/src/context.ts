import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';
import { createLoaders, DirectoryLoaders } from './loaders';
import { organizationRepository, OrganizationRepository } from './repositories/organizations';
import { auditRepository, AuditRepository } from './repositories/audit';
import { auditTrail, AuditTrail } from './domain/auditTrail';
import { idNumberCipher, IdNumberCipher } from './domain/idNumberCipher';
import { directoryConfig } from './config';

export interface DirectoryContext {
  identity: Identity;
  loaders: DirectoryLoaders;
  organizations: OrganizationRepository;
  audit: AuditRepository;
  /** this request's unmasked reads, logged before they are shown */
  auditTrail: AuditTrail;
  idNumbers: IdNumberCipher;
}

export function contextFactory(db: DataSource) {
  const organizations = organizationRepository(db);
  const audit = auditRepository(db);
  const idNumbers = idNumberCipher(directoryConfig().dataKey);
  return (identity: Identity): DirectoryContext => ({
    identity,
    loaders: createLoaders(db),
    organizations,
    audit,
    auditTrail: auditTrail(audit, identity),
    idNumbers,
  });
}
