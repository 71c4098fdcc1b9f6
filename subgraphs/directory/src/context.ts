import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';
import { createLoaders, DirectoryLoaders } from './loaders';
import { organizationRepository, OrganizationRepository } from './repositories/organizations';

export interface DirectoryContext {
  identity: Identity;
  loaders: DirectoryLoaders;
  organizations: OrganizationRepository;
}

export function contextFactory(db: DataSource) {
  const organizations = organizationRepository(db);
  return (identity: Identity): DirectoryContext => ({ identity, loaders: createLoaders(db), organizations });
}
