import type { DataSource } from 'typeorm';
import { auditLog, type AuditLog, auditTrail, type AuditTrail, type Clock, type Identity, type PersonLookup, type RequestTrace } from '@civic/shared';
import { CARE_DATA_ACCESS } from './domain/audit';
import { createLoaders, ElderCareLoaders } from './loaders';
import { elderRepository } from './repositories/elders';
import { requestRepository } from './repositories/requests';
import { teamRepository } from './repositories/teams';
import { accountRepository } from './repositories/accounts';
import { emergencyRepository } from './repositories/emergencies';
import type { ElderFacts } from './domain/requestFlow';
import type { ElderRow } from './repositories/elders';

export interface ElderCareContext {
  identity: Identity;
  /** for the services that write inside transactions */
  db: DataSource;
  loaders: ElderCareLoaders;
  elders: ReturnType<typeof elderRepository>;
  requests: ReturnType<typeof requestRepository>;
  teams: ReturnType<typeof teamRepository>;
  accounts: ReturnType<typeof accountRepository>;
  emergencies: ReturnType<typeof emergencyRepository>;
  /** the care data access log, read by city administrators */
  audit: AuditLog;
  /** the directory's people, asked through the graph (registering an elder) */
  people: PersonLookup;
  /** this request's reads of care data shown whole, logged before they are shown */
  auditTrail: AuditTrail;
}

export function contextFactory(db: DataSource, people: PersonLookup, clock?: Clock) {
  const repositories = {
    elders: elderRepository(db),
    requests: requestRepository(db),
    teams: teamRepository(db),
    accounts: accountRepository(db),
    emergencies: emergencyRepository(db),
  };
  const audit = auditLog(db, CARE_DATA_ACCESS);
  return (identity: Identity, trace: RequestTrace): ElderCareContext => ({
    identity,
    db,
    loaders: createLoaders(db, identity, clock),
    ...repositories,
    audit,
    people,
    auditTrail: auditTrail(audit, identity, trace),
  });
}

/** What the access rules need of an elder, through the request's loaders. */
export async function elderFacts(ctx: ElderCareContext, elder: ElderRow): Promise<ElderFacts> {
  const carers = await ctx.loaders.elderCarers.load(elder.id);
  return { personId: elder.personId, regionCode: elder.regionCode, carerIds: carers.map((c) => c.personId), contactId: elder.emergencyContactPersonId };
}
