import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions, people and organizations. Region codes use the C collation so that
 * "this region and everything below it" is a btree range scan on the code.
 */
export class CreateDirectory1763884800000 implements MigrationInterface {
  name = 'CreateDirectory1763884800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE directory.region (
        code varchar(12) COLLATE "C" PRIMARY KEY CHECK (code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        level text NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'DISTRICT', 'STREET', 'COMMUNITY')),
        parent_code varchar(12) COLLATE "C" REFERENCES directory.region (code),
        CHECK ((level = 'PROVINCE') = (parent_code IS NULL)),
        CHECK (parent_code IS NULL OR starts_with(code, parent_code))
      )`);
    await db.query(`CREATE INDEX region_parent_idx ON directory.region (parent_code, code)`);
    await db.query(`
      CREATE TABLE directory.person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date date NOT NULL,
        phone varchar(11) CHECK (phone ~ '^1[3-9][0-9]{9}$'),
        id_number varchar(18) UNIQUE CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
        region_code varchar(12) COLLATE "C" NOT NULL REFERENCES directory.region (code),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX person_region_idx ON directory.person (region_code)`);
    await db.query(`
      CREATE TABLE directory.organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('GOVERNMENT_UNIT', 'ASSOCIATION', 'SOCIAL_WORK_AGENCY', 'SOCIAL_ORGANIZATION', 'ENTERPRISE')),
        region_code varchar(12) COLLATE "C" REFERENCES directory.region (code),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organization_region_idx ON directory.organization (region_code)`);
    await db.query(`CREATE INDEX organization_name_idx ON directory.organization (name, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directory.organization`);
    await db.query(`DROP TABLE directory.person`);
    await db.query(`DROP TABLE directory.region`);
  }
}
