import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners' webhooks (README "Webhooks"): the endpoints partners register, and one
 * delivery row per notice and endpoint, written in the same transaction that keeps
 * the notice in the feed (deliverNotices), so a notice kept is a notice sent.
 * A delivery's id is its `webhook-id` on every try and replay; its `body` is the
 * exact JSON signed and sent each time. The signing secret is stored sealed
 * (AES-256-GCM under a key derived from CIVIC_DATA_KEY), never in clear.
 */
export class Webhooks1797033600001 implements MigrationInterface {
  name = 'Webhooks1797033600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE directory.webhook (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partner text NOT NULL CHECK (length(partner) BETWEEN 1 AND 63),
      url text NOT NULL,
      kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
      region_code varchar(12) COLLATE "C" NOT NULL REFERENCES directory.region (code),
      secret_sealed bytea NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX webhook_partner_idx ON directory.webhook (partner)`);
    await db.query(`CREATE TABLE directory.webhook_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES directory.webhook (id) ON DELETE CASCADE,
      notice_id uuid NOT NULL,
      kind text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_attempt_at timestamptz,
      last_status int,
      last_error text,
      delivered_at timestamptz,
      dead_at timestamptz,
      UNIQUE (webhook_id, notice_id)
    )`);
    // The relay's scan, and the dead letters newest first.
    await db.query(`CREATE INDEX webhook_delivery_due_idx ON directory.webhook_delivery (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL`);
    await db.query(`CREATE INDEX webhook_delivery_dead_idx ON directory.webhook_delivery (dead_at DESC, id DESC) WHERE dead_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directory.webhook_delivery`);
    await db.query(`DROP TABLE directory.webhook`);
  }
}
