import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An elder's enrolment can end (moved away, died, left the programme): the record
 * is kept with its end, so its requests and ledger still add up, and an ended
 * elder takes no new requests (services/requests.ts).
 */
export class ElderEnrolment1796342400001 implements MigrationInterface {
  name = 'ElderEnrolment1796342400001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE elder_care.elder ADD COLUMN enrolment_ended_at timestamptz, ADD COLUMN enrolment_end_reason text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE elder_care.elder DROP COLUMN enrolment_ended_at, DROP COLUMN enrolment_end_reason`);
  }
}
