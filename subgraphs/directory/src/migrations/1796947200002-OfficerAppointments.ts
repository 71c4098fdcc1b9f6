import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is the officer of a region (社区/街道/区 民政 staff), as people on record: a
 * token says what its holder may do, but to send an emergency to "the community's
 * officer" the graph must know who that is (issue 16.3). One row per appointment,
 * ended rather than deleted, so who was responsible when stays on record.
 */
export class OfficerAppointments1796947200002 implements MigrationInterface {
  name = 'OfficerAppointments1796947200002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE directory.officer_appointment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES directory.person (id),
        region_code varchar(12) COLLATE "C" NOT NULL REFERENCES directory.region (code),
        appointed_by uuid NOT NULL,
        appointed_at timestamptz NOT NULL DEFAULT now(),
        ended_by uuid,
        ended_at timestamptz,
        CHECK ((ended_by IS NULL) = (ended_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX officer_appointment_current_idx ON directory.officer_appointment (region_code, person_id) WHERE ended_at IS NULL`);
    await db.query(`CREATE INDEX officer_appointment_person_idx ON directory.officer_appointment (person_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directory.officer_appointment`);
  }
}
