import { Where, type OutgoingNotice, type Page, type Sql } from '@civic/shared';

export interface NoticeRow {
  id: string;
  recipientId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  text: string;
  source: string;
  createdAt: Date;
  readAt: Date | null;
}

const COLUMNS = `id, recipient_id AS "recipientId", kind, subject_type AS "subjectType", subject_id AS "subjectId", text, source,
  created_at AS "createdAt", read_at AS "readAt"`;

export function noticeRepository(db: Sql) {
  return {
    /** Keeps the notices not kept before; returns how many were new. */
    async deliver(notices: readonly OutgoingNotice[], source: string): Promise<number> {
      if (!notices.length) return 0;
      const [{ n }] = await db.query(
        `/* deliverNotices */ WITH kept AS (
           INSERT INTO directory.notice (id, recipient_id, kind, subject_type, subject_id, text, source, created_at)
           SELECT n.id, n.recipient_id, n.kind, n.subject_type, n.subject_id, n.text, $7, n.created_at
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $8::timestamptz[])
             AS n(id, recipient_id, kind, subject_type, subject_id, text, created_at)
           ON CONFLICT (id) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM kept`,
        [
          notices.map((x) => x.id),
          notices.map((x) => x.recipientId),
          notices.map((x) => x.kind),
          notices.map((x) => x.subjectType),
          notices.map((x) => x.subjectId),
          notices.map((x) => x.text),
          source,
          notices.map((x) => x.createdAt),
        ],
      );
      return n;
    },

    /** A person's notices, newest first, one more than the page to tell whether another follows. */
    async page(recipientId: string, unreadOnly: boolean, page: Page<[string, string]>): Promise<{ rows: NoticeRow[]; total: number }> {
      const where = new Where().add('recipient_id = $', recipientId).when(unreadOnly, 'read_at IS NULL');
      const [{ total }] = await db.query(`/* countNotices */ SELECT count(*)::int AS total FROM directory.notice ${where}`, where.params);
      const paged = new Where().add('recipient_id = $', recipientId).when(unreadOnly, 'read_at IS NULL');
      if (page.after) paged.add('(created_at, id) < ($::timestamptz, $::uuid)', page.after[0], page.after[1]);
      const rows = await db.query(
        `/* pageNotices */ SELECT ${COLUMNS} FROM directory.notice ${paged} ORDER BY created_at DESC, id DESC LIMIT ${page.limit}`,
        paged.params,
      );
      return { rows, total };
    },

    /** Marks a person's own notice read once (a second call keeps the first time); null when it is not theirs or not there. */
    async markRead(id: string, recipientId: string): Promise<NoticeRow | null> {
      // A SELECT over the UPDATE's row, so the answer reads the same on a DataSource and a transaction.
      const [row] = await db.query(
        `/* markNoticeRead */ WITH marked AS (
           UPDATE directory.notice SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING *)
         SELECT ${COLUMNS} FROM marked`,
        [id, recipientId],
      );
      return row ?? null;
    },
  };
}
