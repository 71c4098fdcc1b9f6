import { MigrationInterface, QueryRunner } from 'typeorm';

const NS = 'neighbour_stations';

/**
 * Stations kept through the API (issue 14): the opening hours as a weekly schedule
 * beside the posted text (which becomes its summary, so it may be longer), and the
 * date a station closed (kept, with its history, never deleted). A closed station
 * has its date (rows inserted closed without one, by a seed, read as closed on no
 * known date), an open one none.
 */
export class StationRegistry1796169600003 implements MigrationInterface {
  name = 'StationRegistry1796169600003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ${NS}.station DROP CONSTRAINT IF EXISTS station_opening_hours_check`);
    await db.query(`
      ALTER TABLE ${NS}.station
        ADD CONSTRAINT station_opening_hours_check CHECK (length(opening_hours) <= 300),
        ADD COLUMN opening_schedule jsonb CHECK (opening_schedule IS NULL OR jsonb_typeof(opening_schedule) = 'array'),
        ADD COLUMN closed_on date,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`UPDATE ${NS}.station SET closed_on = created_at::date WHERE status = 'CLOSED'`);
    // A duplicate is the same name in the same community while open: looked up on every create and rename.
    await db.query(`CREATE INDEX station_open_name_idx ON ${NS}.station (region_code, name) WHERE status = 'OPEN'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ${NS}.station_open_name_idx`);
    await db.query(`ALTER TABLE ${NS}.station DROP COLUMN opening_schedule, DROP COLUMN closed_on, DROP COLUMN updated_at`);
    await db.query(`ALTER TABLE ${NS}.station DROP CONSTRAINT station_opening_hours_check`);
    await db.query(`ALTER TABLE ${NS}.station ADD CONSTRAINT station_opening_hours_check CHECK (length(opening_hours) <= 100)`);
  }
}
