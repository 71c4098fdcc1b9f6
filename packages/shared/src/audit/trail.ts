import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { hasRole, Identity } from '../auth/identity';
import type { RequestTrace } from '../request/requestId';
import type { AccessRecord, AuditLog } from './log';

/**
 * Collects a request's unmasked reads and writes them in one statement per tick,
 * one row per subject and field set, under the client request's id and operation
 * name: the gateway's several calls for one client request write one row (the
 * table's unique key, see auditRequestIdMigration). A field's value is released
 * only after its access is logged: if the log cannot be written, the data is not shown.
 */
export function auditTrail(log: Pick<AuditLog, 'append'>, identity: Identity, trace: RequestTrace) {
  const loader = new DataLoader<string, true>(async (keys) => {
    const bySubject = new Map<string, AccessRecord>();
    for (const key of keys) {
      const [subjectId, field, seen] = JSON.parse(key) as [string, string, string | null];
      // The client's own operation name when the gateway signed it; else the one this call ran.
      const operation = trace.operation ?? seen;
      const group = JSON.stringify([subjectId, operation]);
      const record = bySubject.get(group) ?? { subjectId, fields: [], operation };
      if (!record.fields.includes(field)) record.fields.push(field);
      bySubject.set(group, record);
    }
    const records = [...bySubject.values()].map((record) => ({ ...record, fields: [...record.fields].sort() }));
    await log.append(identity, trace.requestId, records);
    return keys.map(() => true as const);
  });
  return {
    /** Resolves once the read is logged; await it before returning the value. */
    record: (subjectId: string, field: string, operation: string | null) => loader.load(JSON.stringify([subjectId, field, operation])),
  };
}
export type AuditTrail = ReturnType<typeof auditTrail>;

/** The operation name this call ran (the gateway's rewritten one), when the client's is not signed. */
export const operationName = (info: GraphQLResolveInfo): string | null => info.operation.name?.value ?? null;

/** Audit logs are for city administrators only, in every subgraph. */
export const mayReadAuditLog = (identity: Identity): boolean => hasRole(identity, 'CITY_ADMIN');
