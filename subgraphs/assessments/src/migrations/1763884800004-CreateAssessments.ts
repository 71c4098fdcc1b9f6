import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessments and station certifications. A subject lives in another subgraph, so
 * it is held by type and id; its region code is copied here (C collation) so that
 * regional summaries are index range scans without asking that subgraph.
 */
export class CreateAssessments1763884800004 implements MigrationInterface {
  name = 'CreateAssessments1763884800004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE assessments.assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_type text NOT NULL CHECK (subject_type IN ('STATION', 'REGION', 'VETERAN_TEAM', 'ORGANIZATION')),
        subject_id text NOT NULL,
        -- a community's code for most subjects, but a REGION subject may be any level
        region_code varchar(12) COLLATE "C" NOT NULL
          CHECK (region_code ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$'),
        kind text NOT NULL CHECK (kind IN ('ROUTINE', 'SPOT_CHECK', 'UNANNOUNCED_VISIT')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'FINAL')),
        total_score numeric(7, 2) NOT NULL DEFAULT 0 CHECK (total_score >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        CHECK ((status = 'DRAFT') = (submitted_at IS NULL))
      )`);
    await db.query(`CREATE INDEX assessment_region_idx ON assessments.assessment (region_code, status)`);
    await db.query(`CREATE INDEX assessment_subject_idx ON assessments.assessment (subject_type, subject_id)`);
    await db.query(`
      CREATE TABLE assessments.certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL,
        region_code varchar(12) COLLATE "C" NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
        certified_at timestamptz NOT NULL,
        suspended_at timestamptz CHECK (suspended_at >= certified_at)
      )`);
    await db.query(`CREATE INDEX certification_region_idx ON assessments.certification (region_code)`);
    // Suspended plaques stay as history; a station holds at most one live plaque.
    await db.query(`
      CREATE UNIQUE INDEX certification_live_idx ON assessments.certification (station_id) WHERE suspended_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE assessments.certification`);
    await db.query(`DROP TABLE assessments.assessment`);
  }
}
