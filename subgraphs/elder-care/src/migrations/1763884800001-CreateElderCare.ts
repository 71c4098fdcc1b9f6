import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core of the 金厝边 records: elders and their service requests. Each row keeps
 * its community's code (C collation) so regional statistics are index range scans.
 */
export class CreateElderCare1763884800001 implements MigrationInterface {
  name = 'CreateElderCare1763884800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE elder_care.elder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL UNIQUE,
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        conditions text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX elder_region_idx ON elder_care.elder (region_code)`);
    await db.query(`
      CREATE TABLE elder_care.service_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        elder_id uuid NOT NULL REFERENCES elder_care.elder (id),
        region_code varchar(12) COLLATE "C" NOT NULL,
        category text NOT NULL CHECK (category IN ('MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP')),
        mode text NOT NULL CHECK (mode IN ('MUTUAL_AID_GROUP', 'VOLUNTEER_CLAIM')),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLAIMED', 'COMPLETED', 'RATED', 'CANCELLED')),
        volunteer_person_id uuid,
        hours numeric(5, 2) CHECK (hours > 0 AND hours <= 24),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX service_request_region_idx ON elder_care.service_request (region_code, status)`);
    await db.query(`CREATE INDEX service_request_elder_idx ON elder_care.service_request (elder_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE elder_care.service_request`);
    await db.query(`DROP TABLE elder_care.elder`);
  }
}
