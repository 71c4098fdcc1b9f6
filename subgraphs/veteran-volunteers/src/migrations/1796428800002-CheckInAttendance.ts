import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checking in (issue 16): a checkpoint shift's and an activity's check-in and
 * check-out, each with how it was made (the place's QR code scanned by the veteran,
 * or recorded by hand by an officer or the team's leader) and who recorded it; the
 * no-shows marked on shifts; the headcount a checkpoint or an activity needs and who
 * signed up for an activity. An activity's check-ins are kept apart from its
 * attendance (hours only, as officers record it): a check-out turns the two times
 * into the veteran's hours there.
 */
export class CheckInAttendance1796428800002 implements MigrationInterface {
  name = 'CheckInAttendance1796428800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE veteran_volunteers.shift
        ADD COLUMN checked_in_at timestamptz,
        ADD COLUMN check_in_method text CHECK (check_in_method IN ('QR', 'BY_HAND')),
        ADD COLUMN check_in_by uuid,
        ADD COLUMN checked_out_at timestamptz,
        ADD COLUMN check_out_method text CHECK (check_out_method IN ('QR', 'BY_HAND')),
        ADD COLUMN check_out_by uuid,
        ADD COLUMN no_show_marked_at timestamptz,
        ADD COLUMN no_show_marked_by uuid,
        ADD CONSTRAINT shift_no_show_not_checked_in CHECK (no_show_marked_at IS NULL OR checked_in_at IS NULL)`);
    await db.query(`CREATE INDEX shift_no_show_idx ON veteran_volunteers.shift (veteran_id) WHERE no_show_marked_at IS NOT NULL`);
    await db.query(`ALTER TABLE veteran_volunteers.checkpoint ADD COLUMN headcount smallint NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 1 AND 100)`);
    await db.query(`ALTER TABLE veteran_volunteers.activity ADD COLUMN headcount integer CHECK (headcount BETWEEN 1 AND 10000)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.activity_signup (
        activity_id uuid NOT NULL REFERENCES veteran_volunteers.activity (id),
        veteran_id uuid NOT NULL REFERENCES veteran_volunteers.veteran (id),
        signed_up_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, veteran_id)
      )`);
    await db.query(`
      CREATE TABLE veteran_volunteers.activity_check_in (
        activity_id uuid NOT NULL REFERENCES veteran_volunteers.activity (id),
        veteran_id uuid NOT NULL REFERENCES veteran_volunteers.veteran (id),
        checked_in_at timestamptz NOT NULL,
        check_in_method text NOT NULL CHECK (check_in_method IN ('QR', 'BY_HAND')),
        check_in_by uuid NOT NULL,
        checked_out_at timestamptz CHECK (checked_out_at >= checked_in_at),
        check_out_method text CHECK (check_out_method IN ('QR', 'BY_HAND')),
        check_out_by uuid,
        PRIMARY KEY (activity_id, veteran_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE veteran_volunteers.activity_check_in`);
    await db.query(`DROP TABLE veteran_volunteers.activity_signup`);
    await db.query(`ALTER TABLE veteran_volunteers.activity DROP COLUMN headcount`);
    await db.query(`ALTER TABLE veteran_volunteers.checkpoint DROP COLUMN headcount`);
    await db.query(`DROP INDEX veteran_volunteers.shift_no_show_idx`);
    await db.query(`
      ALTER TABLE veteran_volunteers.shift
        DROP CONSTRAINT shift_no_show_not_checked_in,
        DROP COLUMN checked_in_at, DROP COLUMN check_in_method, DROP COLUMN check_in_by, DROP COLUMN checked_out_at,
        DROP COLUMN check_out_method, DROP COLUMN check_out_by, DROP COLUMN no_show_marked_at, DROP COLUMN no_show_marked_by`);
  }
}
