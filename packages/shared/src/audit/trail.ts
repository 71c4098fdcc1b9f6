import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { hasRole, Identity } from '../auth/identity';
import type { AccessRecord, AuditLog } from './log';

/**
 * Collects a request's unmasked reads and writes them in one statement per tick,
 * one row per subject and operation. A field's value is released only after its
 * access is logged: if the log cannot be written, the data is not shown.
 */
export function auditTrail(log: Pick<AuditLog, 'append'>, identity: Identity) {
  const loader = new DataLoader<string, true>(async (keys) => {
    const bySubject = new Map<string, AccessRecord>();
    for (const key of keys) {
      const [subjectId, field, operation] = JSON.parse(key) as [string, string, string | null];
      const group = JSON.stringify([subjectId, operation]);
      const record = bySubject.get(group) ?? { subjectId, fields: [], operation };
      record.fields.push(field);
      bySubject.set(group, record);
    }
    await log.append(identity, [...bySubject.values()]);
    return keys.map(() => true as const);
  });
  return {
    /** Resolves once the read is logged; await it before returning the value. */
    record: (subjectId: string, field: string, operation: string | null) =>
      loader.load(JSON.stringify([subjectId, field, operation])),
  };
}
export type AuditTrail = ReturnType<typeof auditTrail>;

/** The operation name the gateway forwarded, for the log's `operation`. */
export const operationName = (info: GraphQLResolveInfo): string | null => info.operation.name?.value ?? null;

/** Audit logs are for city administrators only, in every subgraph. */
export const mayReadAuditLog = (identity: Identity): boolean => hasRole(identity, 'CITY_ADMIN');
