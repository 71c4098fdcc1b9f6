import type { DataSource } from 'typeorm';
import type { Identity } from '@civic/shared';
import type { PersonalField } from '../domain/access';

export interface AccessRecord {
  personId: string;
  fields: PersonalField[];
  operation: string | null;
}

export interface AccessLogRow {
  id: string;
  at: Date;
  actor: string;
  actor_roles: string[];
  actor_region: string | null;
  person_id: string;
  fields: string[];
  operation: string | null;
}

export function auditRepository(db: DataSource) {
  return {
    /** One INSERT for every unmasked read a request made, in one statement. */
    async append(identity: Identity, records: AccessRecord[]): Promise<void> {
      await db.query(
        `/* appendPersonalDataAccess */ INSERT INTO directory.personal_data_access
           (actor, actor_roles, actor_region, person_id, fields, operation)
         SELECT $1, $2::text[], $3, r.person_id, string_to_array(r.fields, ','), r.operation
         FROM unnest($4::uuid[], $5::text[], $6::text[]) AS r(person_id, fields, operation)`,
        [
          identity.sub ?? 'anonymous',
          identity.roles,
          identity.region,
          records.map((r) => r.personId),
          records.map((r) => r.fields.join(',')),
          records.map((r) => r.operation),
        ],
      );
    },

    /** Newest first, keyset-paged on (at, id). */
    async page(filter: { personId: string | null }, after: [string, string] | null, limit: number): Promise<AccessLogRow[]> {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.personId) {
        params.push(filter.personId);
        where.push(`person_id = $${params.length}`);
      }
      if (after) {
        params.push(after[0], after[1]);
        where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
      }
      params.push(limit);
      return db.query(
        `/* personalDataAccessPage */ SELECT id::text, at, actor, actor_roles, actor_region, person_id, fields, operation
         FROM directory.personal_data_access ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
    },

    async count(filter: { personId: string | null }): Promise<number> {
      const [{ count }] = await db.query(
        `/* personalDataAccessCount */ SELECT count(*)::int AS count FROM directory.personal_data_access
         ${filter.personId ? 'WHERE person_id = $1' : ''}`,
        filter.personId ? [filter.personId] : [],
      );
      return count;
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
