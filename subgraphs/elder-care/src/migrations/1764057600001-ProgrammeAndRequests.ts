import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 1-2-3-4 of 金厝边 around the first migration's tables: pilot communities with
 * their mutual-aid station, service teams and members, an elder's care record and
 * carers (family members who may act for the elder), and each request's history.
 * New columns are nullable so rows written before them stay valid.
 */
export class ProgrammeAndRequests1764057600001 implements MigrationInterface {
  name = 'ProgrammeAndRequests1764057600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE elder_care.pilot_community (
        region_code varchar(12) COLLATE "C" PRIMARY KEY CHECK (region_code ~ '^[0-9]{12}$'),
        station_id uuid,
        joined_on date NOT NULL DEFAULT current_date
      )`);
    await db.query(`
      CREATE TABLE elder_care.service_team (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('RESIDENT_GROUP', 'VOLUNTEER_TEAM', 'SERVICE_ORGANIZATION')),
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        organization_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX service_team_region_idx ON elder_care.service_team (region_code, kind)`);
    await db.query(`
      CREATE TABLE elder_care.service_team_member (
        team_id uuid NOT NULL REFERENCES elder_care.service_team (id),
        person_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, person_id)
      )`);
    await db.query(`CREATE INDEX service_team_member_person_idx ON elder_care.service_team_member (person_id)`);

    await db.query(`
      ALTER TABLE elder_care.elder
        ADD COLUMN care_needs text[] NOT NULL DEFAULT '{}',
        ADD COLUMN care_note text,
        ADD COLUMN emergency_contact_person_id uuid,
        ADD COLUMN emergency_contact_relationship text,
        ADD CONSTRAINT elder_conditions_known CHECK (conditions <@ ARRAY['ADVANCED_AGE', 'LIVING_ALONE', 'DISABLED', 'EMPTY_NEST', 'LOW_INCOME']::text[]),
        ADD CONSTRAINT elder_care_needs_known CHECK (care_needs <@ ARRAY['MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP']::text[])`);
    await db.query(`CREATE INDEX elder_conditions_idx ON elder_care.elder USING gin (conditions)`);
    await db.query(`
      CREATE TABLE elder_care.elder_carer (
        elder_id uuid NOT NULL REFERENCES elder_care.elder (id),
        person_id uuid NOT NULL,
        relationship text NOT NULL,
        PRIMARY KEY (elder_id, person_id)
      )`);
    await db.query(`CREATE INDEX elder_carer_person_idx ON elder_care.elder_carer (person_id)`);

    await db.query(`
      ALTER TABLE elder_care.service_request
        ADD COLUMN team_id uuid REFERENCES elder_care.service_team (id),
        ADD COLUMN note text,
        ADD COLUMN requested_by uuid,
        ADD COLUMN idempotency_key text,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      CREATE UNIQUE INDEX service_request_idempotency_idx ON elder_care.service_request (requested_by, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await db.query(`CREATE INDEX service_request_open_idx ON elder_care.service_request (region_code, created_at) WHERE status = 'OPEN'`);
    await db.query(`CREATE INDEX service_request_volunteer_idx ON elder_care.service_request (volunteer_person_id)`);
    await db.query(`
      CREATE TABLE elder_care.service_request_step (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES elder_care.service_request (id),
        status text NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'COMPLETED', 'RATED', 'CANCELLED')),
        actor_person_id uuid,
        acting_as text NOT NULL CHECK (acting_as IN ('ELDER', 'FAMILY_MEMBER', 'STATION_WORKER', 'OFFICER', 'VOLUNTEER', 'GROUP_MEMBER')),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX service_request_step_request_idx ON elder_care.service_request_step (request_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE elder_care.service_request_step`);
    await db.query(`DROP INDEX elder_care.service_request_volunteer_idx`);
    await db.query(`DROP INDEX elder_care.service_request_open_idx`);
    await db.query(`DROP INDEX elder_care.service_request_idempotency_idx`);
    await db.query(`
      ALTER TABLE elder_care.service_request
        DROP COLUMN team_id, DROP COLUMN note, DROP COLUMN requested_by, DROP COLUMN idempotency_key, DROP COLUMN updated_at`);
    await db.query(`DROP TABLE elder_care.elder_carer`);
    await db.query(`DROP INDEX elder_care.elder_conditions_idx`);
    await db.query(`
      ALTER TABLE elder_care.elder
        DROP CONSTRAINT elder_conditions_known, DROP CONSTRAINT elder_care_needs_known,
        DROP COLUMN care_needs, DROP COLUMN care_note,
        DROP COLUMN emergency_contact_person_id, DROP COLUMN emergency_contact_relationship`);
    await db.query(`DROP TABLE elder_care.service_team_member`);
    await db.query(`DROP TABLE elder_care.service_team`);
    await db.query(`DROP TABLE elder_care.pilot_community`);
  }
}
