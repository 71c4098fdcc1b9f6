import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the first migration left out of veterans, teams and activities: party
 * membership and skills, the service centres and stations (服务中心/站) teams
 * belong to, a team's leader (often the 兵支书), an activity's place and partner
 * social-work organisation, and attendance with hours per veteran.
 */
export class VeteranDetailsAndActivities1763884800020 implements MigrationInterface {
  name = 'VeteranDetailsAndActivities1763884800020';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE veteran_volunteers.veteran
        ADD COLUMN party_member boolean NOT NULL DEFAULT false,
        ADD COLUMN skills text[] NOT NULL DEFAULT '{}'`);
    // Centres sit at district or street/town level, stations at community/village level.
    await db.query(`
      CREATE TABLE veteran_volunteers.service_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('CENTRE', 'STATION')),
        region_code varchar(12) COLLATE "C" NOT NULL,
        pilot boolean NOT NULL DEFAULT false,
        CHECK ((kind = 'CENTRE' AND region_code ~ '^[0-9]{6}([0-9]{3})?$') OR (kind = 'STATION' AND region_code ~ '^[0-9]{12}$'))
      )`);
    await db.query(`CREATE INDEX service_point_region_idx ON veteran_volunteers.service_point (region_code)`);
    await db.query(`
      ALTER TABLE veteran_volunteers.veteran_team
        ADD COLUMN leader_id uuid REFERENCES veteran_volunteers.veteran (id),
        ADD COLUMN service_point_id uuid REFERENCES veteran_volunteers.service_point (id),
        ADD COLUMN founded_on date`);
    await db.query(`CREATE INDEX veteran_team_name_idx ON veteran_volunteers.veteran_team (name, id)`);
    await db.query(`
      ALTER TABLE veteran_volunteers.activity
        ADD COLUMN place text CHECK (length(place) <= 200),
        ADD COLUMN partner_organization_id uuid`);
    await db.query(`
      CREATE TABLE veteran_volunteers.activity_attendance (
        activity_id uuid NOT NULL REFERENCES veteran_volunteers.activity (id),
        veteran_id uuid NOT NULL REFERENCES veteran_volunteers.veteran (id),
        hours numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        PRIMARY KEY (activity_id, veteran_id)
      )`);
    await db.query(`CREATE INDEX activity_attendance_veteran_idx ON veteran_volunteers.activity_attendance (veteran_id)`);
    await db.query(`CREATE INDEX activity_starts_idx ON veteran_volunteers.activity (starts_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX veteran_volunteers.activity_starts_idx`);
    await db.query(`DROP TABLE veteran_volunteers.activity_attendance`);
    await db.query(`ALTER TABLE veteran_volunteers.activity DROP COLUMN place, DROP COLUMN partner_organization_id`);
    await db.query(`DROP INDEX veteran_volunteers.veteran_team_name_idx`);
    await db.query(`ALTER TABLE veteran_volunteers.veteran_team DROP COLUMN leader_id, DROP COLUMN service_point_id, DROP COLUMN founded_on`);
    await db.query(`DROP TABLE veteran_volunteers.service_point`);
    await db.query(`ALTER TABLE veteran_volunteers.veteran DROP COLUMN party_member, DROP COLUMN skills`);
  }
}
