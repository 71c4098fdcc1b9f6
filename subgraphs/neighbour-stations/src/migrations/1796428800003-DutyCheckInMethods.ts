import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each check-in and check-out was made (the station's QR code scanned by the
 * person on duty, or recorded by hand by the station's staff) and by whom, and the
 * no-shows the staff mark after a shift nobody came to (issue 16). Slots checked in
 * before codes existed keep a null method: nobody knows how.
 */
export class DutyCheckInMethods1796428800003 implements MigrationInterface {
  name = 'DutyCheckInMethods1796428800003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE neighbour_stations.duty_slot
        ADD COLUMN check_in_method text CHECK (check_in_method IN ('QR', 'BY_HAND')),
        ADD COLUMN check_in_by uuid,
        ADD COLUMN check_out_method text CHECK (check_out_method IN ('QR', 'BY_HAND')),
        ADD COLUMN check_out_by uuid,
        ADD COLUMN no_show_marked_at timestamptz,
        ADD COLUMN no_show_marked_by uuid,
        ADD CONSTRAINT duty_slot_no_show_not_checked_in CHECK (no_show_marked_at IS NULL OR checked_in_at IS NULL)`);
    // A volunteer's no-shows are counted by person.
    await db.query(`CREATE INDEX duty_slot_no_show_idx ON neighbour_stations.duty_slot (on_duty_person_id) WHERE no_show_marked_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX neighbour_stations.duty_slot_no_show_idx`);
    await db.query(`
      ALTER TABLE neighbour_stations.duty_slot
        DROP CONSTRAINT duty_slot_no_show_not_checked_in,
        DROP COLUMN check_in_method, DROP COLUMN check_in_by, DROP COLUMN check_out_method,
        DROP COLUMN check_out_by, DROP COLUMN no_show_marked_at, DROP COLUMN no_show_marked_by`);
  }
}
