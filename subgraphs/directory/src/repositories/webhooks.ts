import { deleteOlderThan, retentionJob, type Page, type Sql } from '@civic/shared';

export interface WebhookRow {
  id: string;
  partner: string;
  url: string;
  kinds: string[];
  regionCode: string;
  createdAt: Date;
}

export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  noticeId: string;
  kind: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  deadAt: Date | null;
}

/** A notice kept in the feed that a registered webhook subscribes to: what its delivery's body is made of. */
export interface WebhookMatch {
  webhookId: string;
  noticeId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  regionCode: string;
  source: string;
  createdAt: Date;
}

const WEBHOOK = `id, partner, url, kinds, region_code AS "regionCode", created_at AS "createdAt"`;
const DELIVERY = `id, webhook_id AS "webhookId", notice_id AS "noticeId", kind, created_at AS "createdAt", attempts,
  next_attempt_at AS "nextAttemptAt", last_attempt_at AS "lastAttemptAt", last_status AS "lastStatus", last_error AS "lastError",
  delivered_at AS "deliveredAt", dead_at AS "deadAt"`;

export function webhookRepository(db: Sql) {
  return {
    async insert(webhook: Omit<WebhookRow, 'id' | 'createdAt'> & { secretSealed: Buffer; createdBy: string }): Promise<WebhookRow> {
      const [row] = await db.query(
        `/* registerWebhook */ INSERT INTO directory.webhook (partner, url, kinds, region_code, secret_sealed, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WEBHOOK}`,
        [webhook.partner, webhook.url, webhook.kinds, webhook.regionCode, webhook.secretSealed, webhook.createdBy],
      );
      return row;
    },

    /** One webhook with its sealed secret (for the replay of a registration). */
    async byIdWithSecret(id: string): Promise<(WebhookRow & { secretSealed: Buffer }) | null> {
      const [row] = await db.query(`/* webhookById */ SELECT ${WEBHOOK}, secret_sealed AS "secretSealed" FROM directory.webhook WHERE id = $1`, [id]);
      return row ?? null;
    },

    async byIds(ids: readonly string[]): Promise<WebhookRow[]> {
      return db.query(`/* webhooksByIds */ SELECT ${WEBHOOK} FROM directory.webhook WHERE id = ANY($1::uuid[])`, [ids]);
    },

    /** A partner's webhooks (every partner's for null), oldest first. */
    async list(partner: string | null): Promise<WebhookRow[]> {
      return db.query(
        `/* listWebhooks */ SELECT ${WEBHOOK} FROM directory.webhook WHERE ($1::text IS NULL OR partner = $1) ORDER BY created_at, id LIMIT 500`,
        [partner],
      );
    },

    /**
     * The notices of this batch that registered webhooks subscribe to: of one of the
     * webhook's kinds, the recipient living in the webhook's region (a notice's region
     * is its recipient's community).
     */
    async matches(noticeIds: readonly string[]): Promise<WebhookMatch[]> {
      return db.query(
        `/* webhookMatches */ SELECT w.id AS "webhookId", n.id AS "noticeId", n.kind, n.subject_type AS "subjectType", n.subject_id AS "subjectId",
                p.region_code AS "regionCode", n.source, n.created_at AS "createdAt"
         FROM directory.notice n
         JOIN directory.person p ON p.id = n.recipient_id
         JOIN directory.webhook w ON n.kind = ANY(w.kinds) AND p.region_code LIKE w.region_code || '%'
         WHERE n.id = ANY($1::uuid[])`,
        [noticeIds],
      );
    },

    /** Writes one delivery per (webhook, notice), once: a batch fanned out again adds nothing. */
    async enqueue(deliveries: readonly { webhookId: string; noticeId: string; kind: string; body: string }[]): Promise<number> {
      if (!deliveries.length) return 0;
      const [{ n }] = await db.query(
        `/* enqueueWebhookDeliveries */ WITH queued AS (
           INSERT INTO directory.webhook_delivery (webhook_id, notice_id, kind, body)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
           ON CONFLICT (webhook_id, notice_id) DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM queued`,
        [deliveries.map((d) => d.webhookId), deliveries.map((d) => d.noticeId), deliveries.map((d) => d.kind), deliveries.map((d) => d.body)],
      );
      return n;
    },

    /** The dead letters of a partner (every partner's for null), newest first. */
    async deadLetters(partner: string | null, page: Page<[string, string]>): Promise<{ rows: WebhookDeliveryRow[]; total: () => Promise<number> }> {
      const where = `dead_at IS NOT NULL AND ($1::text IS NULL OR webhook_id IN (SELECT id FROM directory.webhook WHERE partner = $1))`;
      const after = page.after ?? [null, null];
      const rows = await db.query(
        `/* webhookDeadLetters */ SELECT ${DELIVERY} FROM directory.webhook_delivery
         WHERE ${where} AND ($2::timestamptz IS NULL OR (dead_at, id) < ($2::timestamptz, $3::uuid))
         ORDER BY dead_at DESC, id DESC LIMIT ${page.limit}`,
        [partner, after[0], after[1]],
      );
      const total = async (): Promise<number> =>
        (await db.query(`/* countWebhookDeadLetters */ SELECT count(*)::int AS n FROM directory.webhook_delivery WHERE ${where}`, [partner]))[0].n;
      return { rows, total };
    },

    /**
     * Sets a dead delivery due again with a fresh count of tries, keeping its id (the
     * partner dedupes by it); one that is not dead is returned as it is. Null when
     * there is none of this partner's (every partner's for null) with this id.
     */
    async replay(id: string, partner: string | null, now: Date): Promise<WebhookDeliveryRow | null> {
      const [row] = await db.query(
        `/* replayWebhookDelivery */ WITH target AS (
           SELECT d.id FROM directory.webhook_delivery d JOIN directory.webhook w ON w.id = d.webhook_id
           WHERE d.id = $1 AND ($2::text IS NULL OR w.partner = $2) FOR UPDATE OF d),
         replayed AS (
           UPDATE directory.webhook_delivery d SET dead_at = NULL, attempts = 0, next_attempt_at = $3
           FROM target WHERE d.id = target.id AND d.dead_at IS NOT NULL RETURNING d.*)
         -- the statement's snapshot does not see its own update: the replayed row from RETURNING, else the row as it was
         SELECT ${DELIVERY} FROM replayed
         UNION ALL SELECT ${DELIVERY} FROM directory.webhook_delivery WHERE id IN (SELECT id FROM target) AND NOT EXISTS (SELECT 1 FROM replayed)`,
        [id, partner, now],
      );
      return row ?? null;
    },
  };
}

/** Delivered deliveries are kept 30 days (for a partner's support question), then deleted; dead letters stay until replayed. */
export const webhookDeliveryRetention = retentionJob('webhook delivery retention', 30, (db, before) =>
  deleteOlderThan(db, 'pruneWebhookDeliveries', 'directory.webhook_delivery', 'delivered_at', before),
);
