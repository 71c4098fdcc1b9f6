import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's notices (Person.notices), delivered by the subgraphs' relays from
 * their outboxes. The id is the outbox row's, so a batch delivered again after a
 * relay stopped mid-way adds nothing (ON CONFLICT DO NOTHING): once, never twice.
 */
export class NoticeFeed1796860800001 implements MigrationInterface {
  name = 'NoticeFeed1796860800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE directory.notice (
      id uuid PRIMARY KEY,
      recipient_id uuid NOT NULL,
      kind text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      text text NOT NULL,
      source text NOT NULL,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`);
    // A person's feed, newest first, page after page.
    await db.query(`CREATE INDEX notice_feed_idx ON directory.notice (recipient_id, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directory.notice`);
  }
}
