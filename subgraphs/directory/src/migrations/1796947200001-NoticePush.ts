import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice kept in the feed is also sent by SMS or app push, once (services/noticePush.ts):
 * `pushed_at` marks it handled, `pushed_to` the masked number it went to (null when the
 * person has no phone and nobody acts for them).
 */
export class NoticePush1796947200001 implements MigrationInterface {
  name = 'NoticePush1796947200001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE directory.notice ADD COLUMN pushed_at timestamptz, ADD COLUMN pushed_to text`);
    await db.query(`CREATE INDEX notice_unpushed_idx ON directory.notice (delivered_at) WHERE pushed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX directory.notice_unpushed_idx`);
    await db.query(`ALTER TABLE directory.notice DROP COLUMN pushed_at, DROP COLUMN pushed_to`);
  }
}
