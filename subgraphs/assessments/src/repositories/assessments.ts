import type { AssessmentKind, AssessmentStatus, SubjectType } from '../domain/vocabulary';
import type { ScoreInput } from '../domain/scoring';
import type { Sql } from '@civic/shared';

export interface AssessmentRow {
  id: string;
  templateId: string;
  subjectType: SubjectType;
  subjectId: string;
  regionCode: string;
  kind: AssessmentKind;
  period: string;
  status: AssessmentStatus;
  assessorId: string | null;
  totalScore: number;
  grade: string | null;
  bonusPoints: number;
  createdAt: Date;
  submittedAt: Date | null;
  finalizedAt: Date | null;
}

export interface ItemScoreRow {
  assessmentId: string;
  itemId: string;
  /** the score that counts: the latest correction's, else the submitted one */
  score: number;
  evidence: string | null;
  originalScore: number;
  corrected: boolean;
}

export interface CorrectionRow {
  assessmentId: string;
  itemId: string;
  previousScore: number;
  score: number;
  evidence: string | null;
  reason: string;
  correctedBy: string | null;
  correctedAt: Date;
}

/** What a new assessment is stored with; scores, totals and times follow from it. */
export interface NewAssessment extends Pick<AssessmentRow, 'templateId' | 'subjectType' | 'subjectId' | 'regionCode' | 'kind' | 'period' | 'assessorId'> {
  status: 'DRAFT' | 'SUBMITTED';
  idempotencyKey: string | null;
}

const COLUMNS = `a.id, a.template_id AS "templateId", a.subject_type AS "subjectType", a.subject_id AS "subjectId",
  a.region_code AS "regionCode", a.kind, a.period, a.status, a.assessor_id AS "assessorId",
  a.total_score::float8 AS "totalScore", a.grade, a.bonus_points::float8 AS "bonusPoints",
  a.created_at AS "createdAt", a.submitted_at AS "submittedAt", a.finalized_at AS "finalizedAt"`;

/** Newest first: by when it was submitted (drafts, not yet submitted, first), then created. */
const NEWEST_FIRST = `a.submitted_at DESC NULLS FIRST, a.created_at DESC, a.id`;

export function assessmentRepository(db: Sql) {
  return {
    findByIds: (ids: readonly string[]): Promise<AssessmentRow[]> =>
      db.query(`/* assessmentsByIds */ SELECT ${COLUMNS} FROM assessments.assessment a WHERE a.id = ANY($1::uuid[])`, [ids]),

    /**
     * Keys are "TYPE:id"; each subject's assessments newest first. The keys are
     * split into (type, id) pairs joined on the columns themselves, so the
     * (subject_type, subject_id) index finds each subject's rows; an expression over
     * the columns (type || ':' || id) would read the whole table.
     */
    ofSubjects: (keys: readonly string[]): Promise<AssessmentRow[]> => {
      const pairs = keys.map((key) => [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]);
      return db.query(
        `/* assessmentsOfSubjects */ SELECT ${COLUMNS}
         FROM unnest($1::text[], $2::text[]) AS k(subject_type, subject_id)
         JOIN assessments.assessment a ON (a.subject_type, a.subject_id) = (k.subject_type, k.subject_id)
         ORDER BY ${NEWEST_FIRST}`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
    },

    /** The latest submitted (or final) total of each station. */
    latestStationScores: (stationIds: readonly string[]): Promise<{ stationId: string; totalScore: number }[]> =>
      db.query(
        `/* latestStationScores */ SELECT DISTINCT ON (a.subject_id) a.subject_id AS "stationId", a.total_score::float8 AS "totalScore"
         FROM assessments.assessment a
         WHERE a.subject_type = 'STATION' AND a.subject_id = ANY($1::text[]) AND a.status <> 'DRAFT'
         ORDER BY a.subject_id, a.submitted_at DESC, a.id`,
        [stationIds],
      ),

    /**
     * The grade of each organisation's latest final assessment on a template that
     * grades (has grades): an inspection on a form without grades says nothing about
     * the grade, so it must not wipe out the one a grading gave.
     */
    organizationGrades: (organizationIds: readonly string[]): Promise<{ organizationId: string; grade: string | null }[]> =>
      db.query(
        `/* organizationGrades */ SELECT DISTINCT ON (a.subject_id) a.subject_id AS "organizationId", a.grade
         FROM assessments.assessment a JOIN assessments.template t ON t.id = a.template_id
         WHERE a.subject_type = 'ORGANIZATION' AND a.subject_id = ANY($1::text[]) AND a.status = 'FINAL'
           AND jsonb_array_length(t.grades) > 0
         ORDER BY a.subject_id, a.finalized_at DESC, a.id`,
        [organizationIds],
      ),

    scoresOf: (assessmentIds: readonly string[]): Promise<ItemScoreRow[]> =>
      db.query(
        `/* assessmentScores */ SELECT s.assessment_id AS "assessmentId", s.item_id AS "itemId",
           coalesce(c.score, s.score)::float8 AS score, CASE WHEN c.id IS NULL THEN s.evidence ELSE c.evidence END AS evidence,
           s.score::float8 AS "originalScore", c.id IS NOT NULL AS corrected
         FROM assessments.assessment_score s
         JOIN assessments.template_item i ON i.id = s.item_id
         LEFT JOIN LATERAL (
           SELECT c.id, c.score, c.evidence FROM assessments.assessment_correction c
           WHERE c.assessment_id = s.assessment_id AND c.item_id = s.item_id ORDER BY c.id DESC LIMIT 1
         ) c ON true
         WHERE s.assessment_id = ANY($1::uuid[]) ORDER BY s.assessment_id, i.position`,
        [assessmentIds],
      ),

    correctionsOf: (assessmentIds: readonly string[]): Promise<CorrectionRow[]> =>
      db.query(
        `/* assessmentCorrections */ SELECT c.assessment_id AS "assessmentId", c.item_id AS "itemId",
           coalesce(lag(c.score) OVER w, s.score)::float8 AS "previousScore", c.score::float8 AS score, c.evidence, c.reason,
           c.corrected_by AS "correctedBy", c.corrected_at AS "correctedAt"
         FROM assessments.assessment_correction c
         JOIN assessments.assessment_score s ON s.assessment_id = c.assessment_id AND s.item_id = c.item_id
         WHERE c.assessment_id = ANY($1::uuid[])
         WINDOW w AS (PARTITION BY c.assessment_id, c.item_id ORDER BY c.id)
         ORDER BY c.assessment_id, c.id`,
        [assessmentIds],
      ),

    /** Locks the assessment for the rest of the transaction, so its steps happen one at a time. */
    async lock(id: string): Promise<AssessmentRow | null> {
      const rows: AssessmentRow[] = await db.query(`/* lockAssessment */ SELECT ${COLUMNS} FROM assessments.assessment a WHERE a.id = $1 FOR UPDATE`, [id]);
      return rows[0] ?? null;
    },

    /** Inserts the assessment; null when the assessor already made one with this idempotency key. */
    async insert(a: NewAssessment): Promise<string | null> {
      const rows: { id: string }[] = await db.query(
        `/* insertAssessment */ INSERT INTO assessments.assessment
           (template_id, subject_type, subject_id, region_code, kind, period, status, assessor_id, idempotency_key, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $7 = 'DRAFT' THEN NULL ELSE now() END)
         ON CONFLICT (assessor_id, idempotency_key) DO NOTHING RETURNING id`,
        [a.templateId, a.subjectType, a.subjectId, a.regionCode, a.kind, a.period, a.status, a.assessorId, a.idempotencyKey],
      );
      return rows[0]?.id ?? null;
    },

    /** Sets (or, on a draft, replaces) item scores. */
    upsertScores: (assessmentId: string, scores: readonly ScoreInput[]) =>
      db.query(
        `/* upsertAssessmentScores */ INSERT INTO assessments.assessment_score (assessment_id, item_id, score, evidence)
         SELECT $1, * FROM unnest($2::uuid[], $3::numeric[], $4::text[])
         ON CONFLICT (assessment_id, item_id) DO UPDATE SET score = excluded.score, evidence = excluded.evidence`,
        [assessmentId, scores.map((s) => s.itemId), scores.map((s) => s.score), scores.map((s) => s.evidence)],
      ),

    addCorrection: (assessmentId: string, c: ScoreInput & { reason: string; correctedBy: string | null }) =>
      db.query(
        `/* addAssessmentCorrection */ INSERT INTO assessments.assessment_correction (assessment_id, item_id, score, evidence, reason, corrected_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [assessmentId, c.itemId, c.score, c.evidence, c.reason, c.correctedBy],
      ),

    /** The computed figures and the status, written together. */
    update: (id: string, change: { status: AssessmentStatus; totalScore: number; grade: string | null; bonusPoints?: number }) =>
      db.query(
        `/* updateAssessment */ UPDATE assessments.assessment SET status = $2, total_score = $3, grade = $4,
           bonus_points = coalesce($5, bonus_points),
           submitted_at = CASE WHEN $2 <> 'DRAFT' THEN coalesce(submitted_at, now()) END,
           finalized_at = CASE WHEN $2 = 'FINAL' THEN coalesce(finalized_at, now()) END
         WHERE id = $1`,
        [id, change.status, change.totalScore, change.grade, change.bonusPoints ?? null],
      ),
  };
}
