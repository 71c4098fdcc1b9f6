import DataLoader from 'dataloader';
import type { Identity } from '@civic/shared';
import type { PersonalField } from './access';
import type { AccessRecord, AuditRepository } from '../repositories/audit';

/**
 * Collects a request's unmasked reads and writes them in one statement per tick.
 * A field's value is released only after its access is logged: if the log cannot
 * be written, the data is not shown.
 */
export function auditTrail(audit: AuditRepository, identity: Identity) {
  const loader = new DataLoader<string, true>(async (keys) => {
    const byPerson = new Map<string, AccessRecord>();
    for (const key of keys) {
      const [personId, field, operation] = key.split('|');
      const record = byPerson.get(personId) ?? { personId, fields: [], operation: operation || null };
      record.fields.push(field as PersonalField);
      byPerson.set(personId, record);
    }
    await audit.append(identity, [...byPerson.values()]);
    return keys.map(() => true as const);
  });
  return {
    record: (personId: string, field: PersonalField, operation: string | null) =>
      loader.load(`${personId}|${field}|${operation ?? ''}`),
  };
}
export type AuditTrail = ReturnType<typeof auditTrail>;
