import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What registering and keeping records needs (issue 14): a person may be marked as
 * having no phone (and who acts for them), volunteers are kept beside the person, and
 * organisations carry their unified social credit code and, once deregistered, the
 * day they ended (the row stays: duty slots and assessments still point at it).
 */
export class PeopleVolunteersOrganizations1796169600001 implements MigrationInterface {
  name = 'PeopleVolunteersOrganizations1796169600001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE directory.person
        ADD COLUMN has_phone boolean NOT NULL DEFAULT true,
        ADD COLUMN acted_for_by uuid REFERENCES directory.person (id),
        ADD COLUMN updated_at timestamptz,
        ADD CONSTRAINT person_no_phone_check CHECK (has_phone OR phone IS NULL),
        ADD CONSTRAINT person_acted_for_check CHECK (acted_for_by IS NULL OR (NOT has_phone AND acted_for_by <> id))`);
    await db.query(`
      CREATE TABLE directory.volunteer (
        person_id uuid PRIMARY KEY REFERENCES directory.person (id),
        region_code varchar(12) COLLATE "C" NOT NULL REFERENCES directory.region (code) CHECK (length(region_code) = 12),
        skills text[] NOT NULL CHECK (cardinality(skills) BETWEEN 1 AND 20),
        availability text[] NOT NULL CHECK (cardinality(availability) <= 14),
        volunteer_number varchar(20) UNIQUE CHECK (volunteer_number ~ '^[0-9A-Z]{8,20}$'),
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )`);
    await db.query(`CREATE INDEX volunteer_region_idx ON directory.volunteer (region_code)`);
    await db.query(`
      ALTER TABLE directory.organization
        ADD COLUMN credit_code varchar(18) UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        ADD COLUMN ended_on date,
        ADD COLUMN updated_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE directory.organization DROP COLUMN credit_code, DROP COLUMN ended_on, DROP COLUMN updated_at`);
    await db.query(`DROP TABLE directory.volunteer`);
    await db.query(`
      ALTER TABLE directory.person DROP CONSTRAINT person_acted_for_check, DROP CONSTRAINT person_no_phone_check,
        DROP COLUMN has_phone, DROP COLUMN acted_for_by, DROP COLUMN updated_at`);
  }
}
