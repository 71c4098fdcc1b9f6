import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Sql } from '../sql';
import type { BackgroundJob } from '../jobs';
import { deleteOlderThan, retentionJob } from '../retention';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The kinds of notice the graph sends; each says what someone must hear of. */
export const NOTICE_KINDS = [
  'DUTY_REMINDER',
  'SHIFT_REMINDER',
  'ORDER_DISPATCHED',
  'REQUEST_CLAIMED',
  'REQUEST_COMPLETED',
  'REQUEST_CANCELLED',
  'HOURS_PENDING',
  'EMERGENCY',
  'VOLUNTEER_TRANSFERRED',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One notice for one person, as a service writes it beside its change. */
export interface NoticeDraft {
  kind: NoticeKind;
  recipientId: string;
  /** what it is about, by the graph's typename and id (a ServiceRequest, a StationOrder) */
  subjectType: string;
  subjectId: string;
  /** the words the person reads, in Chinese as they are shown */
  text: string;
  /** makes a notice that a sweep might write twice (a reminder) unique per subgraph */
  dedupeKey?: string;
}

/** The notices not yet delivered, in a subgraph's own schema. */
export function outboxTable(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
  return `${schema}.notice_outbox`;
}

/**
 * The transactional outbox: a notice is a row written in the same transaction as
 * the change it tells of, so it exists exactly when the change does; the relay
 * (relay.ts) delivers it after the commit. One row per recipient, its id the
 * notice's id wherever it is delivered (the feed keeps one row per id).
 */
export function createOutboxTableSql(schema: string): string[] {
  const table = outboxTable(schema);
  return [
    `CREATE TABLE ${table} (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       kind text NOT NULL,
       recipient_id uuid NOT NULL,
       subject_type text NOT NULL,
       subject_id text NOT NULL,
       text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
       dedupe_key text UNIQUE,
       created_at timestamptz NOT NULL DEFAULT now(),
       attempts int NOT NULL DEFAULT 0,
       next_attempt_at timestamptz NOT NULL DEFAULT now(),
       last_error text,
       delivered_at timestamptz,
       dead_at timestamptz
     )`,
    // The relay's scan: what is due and neither delivered nor given up on.
    `CREATE INDEX notice_outbox_due_idx ON ${table} (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL`,
  ];
}

/** A subgraph's migration that creates its outbox: `export const NoticeOutbox1796860800001 = noticeOutboxMigration('elder_care', 1796860800001);` */
export function noticeOutboxMigration(schema: string, timestamp: number): new () => MigrationInterface {
  const name = `NoticeOutbox${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      for (const statement of createOutboxTableSql(schema)) await db.query(statement);
    }
    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${outboxTable(schema)}`);
    }
  };
}

/**
 * Writes notices inside the caller's transaction (a write's `w.tx`). A recipient
 * named twice gets one notice; a draft whose dedupeKey was written before is
 * skipped. Returns how many were written.
 */
export async function notify(tx: Sql, schema: string, drafts: readonly NoticeDraft[]): Promise<number> {
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    const key = `${d.kind}|${d.recipientId.toLowerCase()}|${d.subjectType}|${d.subjectId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!unique.length) return 0;
  const [{ n }] = await tx.query(
    `/* writeNotices */ WITH written AS (
       INSERT INTO ${outboxTable(schema)} (kind, recipient_id, subject_type, subject_id, text, dedupe_key)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM written`,
    [
      unique.map((d) => d.kind),
      unique.map((d) => d.recipientId),
      unique.map((d) => d.subjectType),
      unique.map((d) => d.subjectId),
      unique.map((d) => d.text),
      unique.map((d) => d.dedupeKey ?? null),
    ],
  );
  return n;
}

/** Delivered notices are kept 30 days in the outbox (for a support question), then deleted. */
export const OUTBOX_RETENTION_DAYS = 30;

export const pruneDeliveredNotices = (db: Sql, schema: string, before: Date): Promise<number> =>
  deleteOlderThan(db, 'pruneDeliveredNotices', outboxTable(schema), 'delivered_at', before);

export const outboxRetention = (schema: string): BackgroundJob =>
  retentionJob('notice outbox retention', OUTBOX_RETENTION_DAYS, (db, before) => pruneDeliveredNotices(db, schema, before));
