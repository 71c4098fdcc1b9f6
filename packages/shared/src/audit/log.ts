import type { Identity } from '../auth/identity';
import type { Sql } from '../sql';
import { Where } from '../sql';
import { isStringPair, parsePage, PageArgs, toConnection } from '../paging';
import { AuditTable, qualifiedName } from './table';

/** One request's unmasked read of one subject: which fields, through which operation. */
export interface AccessRecord {
  subjectId: string;
  /** sorted, so the same set is the same row however the reads were ordered */
  fields: string[];
  operation: string | null;
}

export interface AccessLogRow {
  id: string;
  at: Date;
  /** `at` to the microsecond, for the cursor: a JS Date keeps milliseconds only */
  at_key: string;
  actor: string;
  actor_roles: string[];
  actor_region: string | null;
  /** the table's subject column (person_id, veteran_id…) */
  subject_id: string;
  fields: string[];
  operation: string | null;
  /** the client request's id (request/requestId.ts); null on rows older than the column */
  request_id: string | null;
}

export interface AccessLogFilter {
  subjectId: string | null;
}

/** Appends to and pages through one subgraph's audit table (see createAuditTableSql). */
export function auditLog(db: Sql, table: AuditTable) {
  const name = qualifiedName(table);
  const subject = table.subjectColumn;
  const where = (filter: AccessLogFilter) => {
    const w = new Where();
    if (filter.subjectId) w.add(`${subject} = $`, filter.subjectId);
    return w;
  };
  return {
    table,

    /**
     * Every unmasked read a request made, in one INSERT: one row per (client
     * request, subject, field set), however many subgraph calls read it. A row
     * already there is left as it is (ON CONFLICT DO NOTHING needs no UPDATE
     * right, which the serving role does not have on an audit table). Without a
     * conflict target: the key is each month partition's own (auditPartitioning).
     */
    async append(identity: Identity, requestId: string, records: AccessRecord[]): Promise<void> {
      if (records.length === 0) return;
      await db.query(
        `/* appendAudit:${table.table} */ INSERT INTO ${name} (actor, actor_roles, actor_region, ${subject}, fields, operation, request_id)
         SELECT $1, $2::text[], $3, r.subject_id, string_to_array(r.fields, ','), r.operation, $7
         FROM unnest($4::uuid[], $5::text[], $6::text[]) AS r(subject_id, fields, operation)
         ON CONFLICT DO NOTHING`,
        [
          identity.sub ?? 'anonymous',
          identity.roles,
          identity.region,
          records.map((r) => r.subjectId),
          records.map((r) => r.fields.join(',')),
          records.map((r) => r.operation),
          requestId,
        ],
      );
    },

    /** Newest first, keyset-paged on (at, id). */
    async page(filter: AccessLogFilter, after: [string, string] | null, limit: number): Promise<AccessLogRow[]> {
      const w = where(filter);
      if (after) w.add(`(at, id) < ($::timestamptz, $::bigint)`, after[0], after[1]);
      return db.query(
        `/* auditPage:${table.table} */ SELECT id::text, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key, actor, actor_roles, actor_region, ${subject} AS subject_id, fields, operation, request_id
         FROM ${name} ${w} ORDER BY at DESC, id DESC LIMIT ${w.param(limit)}`,
        w.params,
      );
    },

    async count(filter: AccessLogFilter): Promise<number> {
      const w = where(filter);
      const [{ count }] = await db.query(`/* auditCount:${table.table} */ SELECT count(*)::int AS count FROM ${name} ${w}`, w.params);
      return count;
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;

/** The fields every access log entry type resolves from its row, in every subgraph. */
export const accessLogEntryFields = {
  actorRoles: (row: AccessLogRow) => row.actor_roles,
  actorRegion: (row: AccessLogRow) => row.actor_region,
  requestId: (row: AccessLogRow) => row.request_id,
};

/**
 * A page of the log as a connection, newest first. The caller checks who may read
 * it and validates the subject id first.
 */
export async function auditLogConnection(log: AuditLog, filter: AccessLogFilter, args: PageArgs) {
  const page = parsePage(args, `auditLog.${log.table.table}`, isStringPair);
  const [rows, total] = await Promise.all([log.page(filter, page.after, page.limit), log.count(filter)]);
  return toConnection(rows, page, total, (row) => [row.at_key, row.id]);
}

/**
 * The log's rows about one subject, for a person's data report: none when the
 * subgraph holds no such subject (a person who is not an elder), never the whole log.
 */
export async function subjectLogConnection(log: AuditLog, subjectId: string | null, args: PageArgs) {
  if (subjectId) return auditLogConnection(log, { subjectId }, args);
  return toConnection([], parsePage(args, `auditLog.${log.table.table}`, isStringPair), 0, () => null);
}
