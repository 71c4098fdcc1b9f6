import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Veterans, their volunteer teams and the teams' activities. Each place-bound row
 * keeps its community's code (C collation) so regional statistics are index range
 * scans. Memberships are never deleted: leaving a team closes the row, so a
 * veteran's service history survives.
 */
export class CreateVeteranVolunteers1763884800002 implements MigrationInterface {
  name = 'CreateVeteranVolunteers1763884800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE veteran_volunteers.veteran (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE,
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        service_years smallint CHECK (service_years BETWEEN 0 AND 60),
        discharge_year smallint CHECK (discharge_year BETWEEN 1949 AND 2100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX veteran_region_idx ON veteran_volunteers.veteran (region_code)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.veteran_team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX veteran_team_region_idx ON veteran_volunteers.veteran_team (region_code)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.team_membership (
        team_id uuid NOT NULL REFERENCES veteran_volunteers.veteran_team (id),
        veteran_id uuid NOT NULL REFERENCES veteran_volunteers.veteran (id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        left_at timestamptz CHECK (left_at >= joined_at),
        PRIMARY KEY (team_id, veteran_id, joined_at)
      )`);
    // A veteran may rejoin a team later, but is never a current member twice.
    await db.query(`
      CREATE UNIQUE INDEX team_membership_current_idx
        ON veteran_volunteers.team_membership (team_id, veteran_id) WHERE left_at IS NULL`);
    await db.query(`CREATE INDEX team_membership_veteran_idx ON veteran_volunteers.team_membership (veteran_id)`);
    await db.query(`
      CREATE TABLE veteran_volunteers.activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES veteran_volunteers.veteran_team (id),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('HEALTH_CLINIC', 'EPIDEMIC_PREVENTION', 'GARBAGE_SORTING', 'SPORTS', 'LECTURE', 'PATROL')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CHECK (ends_at >= starts_at)
      )`);
    await db.query(`CREATE INDEX activity_region_idx ON veteran_volunteers.activity (region_code)`);
    await db.query(`CREATE INDEX activity_team_idx ON veteran_volunteers.activity (team_id, starts_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE veteran_volunteers.activity`);
    await db.query(`DROP TABLE veteran_volunteers.team_membership`);
    await db.query(`DROP TABLE veteran_volunteers.veteran_team`);
    await db.query(`DROP TABLE veteran_volunteers.veteran`);
  }
}
