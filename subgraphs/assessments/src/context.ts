import type { DataSource } from 'typeorm';
import type { Clock, Identity } from '@civic/shared';
import { createLoaders, AssessmentsLoaders } from './loaders';
import { templateRepository } from './repositories/templates';
import { certificationRepository } from './repositories/certifications';
import type { SubjectLookup } from './services/subjects';

export interface AssessmentsContext {
  identity: Identity;
  /** for the services that write inside transactions, and the statistics */
  db: DataSource;
  /** asks the subgraph that owns a subject whether it exists, and where */
  subjects: SubjectLookup;
  loaders: AssessmentsLoaders;
  templates: ReturnType<typeof templateRepository>;
  certifications: ReturnType<typeof certificationRepository>;
}

export function contextFactory(db: DataSource, subjects: SubjectLookup, clock?: Clock) {
  const repositories = { templates: templateRepository(db), certifications: certificationRepository(db) };
  return (identity: Identity): AssessmentsContext => ({ identity, db, subjects, loaders: createLoaders(db, identity, clock), ...repositories });
}
