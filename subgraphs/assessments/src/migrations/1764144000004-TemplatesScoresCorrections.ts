import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned templates, scores per item with evidence, corrections beside the
 * original score, and what certified or suspended a station.
 *
 * A template row is one version of a form (code + version): an assessment points
 * at the version it was scored on, so publishing a new version never changes an
 * old score. The foundation's assessment table gains its template, period and
 * assessor; it held no rows that could be kept (no way to write them existed).
 */
export class TemplatesScoresCorrections1764144000004 implements MigrationInterface {
  name = 'TemplatesScoresCorrections1764144000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE assessments.template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,40}$'),
        version int NOT NULL CHECK (version >= 1),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        subject_type text NOT NULL CHECK (subject_type IN ('STATION', 'REGION', 'VETERAN_TEAM', 'ORGANIZATION')),
        -- 授牌: a final station evaluation at or above it certifies the station
        certification_threshold numeric(7, 2) CHECK (certification_threshold > 0),
        -- [{"grade": "5A", "minScore": 90}, ...], highest first
        grades jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(grades) = 'array'),
        -- 绩效加分: [{"minScore": 90, "points": 2}, ...], highest first
        bonus_rules jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(bonus_rules) = 'array'),
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      )`);
    await db.query(`
      CREATE TABLE assessments.template_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        template_id uuid NOT NULL REFERENCES assessments.template (id),
        position int NOT NULL CHECK (position >= 1),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        guidance text NOT NULL,
        max_score numeric(7, 2) NOT NULL CHECK (max_score > 0),
        weight numeric(6, 3) NOT NULL DEFAULT 1 CHECK (weight > 0),
        UNIQUE (template_id, position)
      )`);
    await db.query(`DELETE FROM assessments.assessment`);
    await db.query(`
      ALTER TABLE assessments.assessment
        ADD COLUMN template_id uuid NOT NULL REFERENCES assessments.template (id),
        ADD COLUMN period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$'),
        ADD COLUMN assessor_id uuid,
        ADD COLUMN grade text,
        ADD COLUMN bonus_points numeric(6, 2) NOT NULL DEFAULT 0 CHECK (bonus_points >= 0),
        ADD COLUMN finalized_at timestamptz,
        ADD COLUMN idempotency_key text,
        ADD CONSTRAINT assessment_final_check CHECK ((status = 'FINAL') = (finalized_at IS NOT NULL)),
        ADD CONSTRAINT assessment_idempotency_key UNIQUE (assessor_id, idempotency_key)`);
    await db.query(`CREATE INDEX assessment_subject_latest_idx ON assessments.assessment (subject_type, subject_id, submitted_at DESC)`);
    await db.query(`
      CREATE TABLE assessments.assessment_score (
        assessment_id uuid NOT NULL REFERENCES assessments.assessment (id),
        item_id uuid NOT NULL REFERENCES assessments.template_item (id),
        score numeric(7, 2) NOT NULL CHECK (score >= 0),
        evidence text,
        PRIMARY KEY (assessment_id, item_id)
      )`);
    // A correction never overwrites: the submitted score stays, the latest correction counts.
    await db.query(`
      CREATE TABLE assessments.assessment_correction (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        assessment_id uuid NOT NULL,
        item_id uuid NOT NULL,
        score numeric(7, 2) NOT NULL CHECK (score >= 0),
        evidence text,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        corrected_by uuid,
        corrected_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (assessment_id, item_id) REFERENCES assessments.assessment_score (assessment_id, item_id)
      )`);
    await db.query(`CREATE INDEX assessment_correction_idx ON assessments.assessment_correction (assessment_id, item_id, id)`);
    await db.query(`
      ALTER TABLE assessments.certification
        ADD COLUMN certified_by uuid REFERENCES assessments.assessment (id),
        ADD COLUMN suspended_by uuid REFERENCES assessments.assessment (id)`);
    await db.query(`CREATE INDEX certification_station_idx ON assessments.certification (station_id, certified_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX assessments.certification_station_idx`);
    await db.query(`ALTER TABLE assessments.certification DROP COLUMN suspended_by, DROP COLUMN certified_by`);
    await db.query(`DROP TABLE assessments.assessment_correction`);
    await db.query(`DROP TABLE assessments.assessment_score`);
    await db.query(`DROP INDEX assessments.assessment_subject_latest_idx`);
    await db.query(`
      ALTER TABLE assessments.assessment
        DROP CONSTRAINT assessment_idempotency_key, DROP CONSTRAINT assessment_final_check,
        DROP COLUMN idempotency_key, DROP COLUMN finalized_at, DROP COLUMN bonus_points, DROP COLUMN grade,
        DROP COLUMN assessor_id, DROP COLUMN period, DROP COLUMN template_id`);
    await db.query(`DROP TABLE assessments.template_item`);
    await db.query(`DROP TABLE assessments.template`);
  }
}
