import type { DataSource } from 'typeorm';
import type { SeedOptions } from '@civic/shared';
import { templateRepository } from '../repositories/templates';
import { Forms, planAssessmentsSeed, Population } from './plan';
import { JINCUOBIAN, SOCIAL_ORGANIZATION_GRADING, STATION_EVALUATION, VETERAN_TEAM_EVALUATION } from './templates';

async function currentForms(db: DataSource): Promise<Forms> {
  const templates = templateRepository(db);
  const current = await templates.list(false);
  const form = async (code: string) => {
    const template = current.find((t) => t.code === code);
    if (!template) throw new Error(`template ${code} is missing: prepare runs before the seed`);
    return { template, items: await templates.itemsOf([template.id]) };
  };
  return {
    station: await form(STATION_EVALUATION.code),
    jincuobian: await form(JINCUOBIAN.code),
    organization: await form(SOCIAL_ORGANIZATION_GRADING.code),
    veteranTeam: await form(VETERAN_TEAM_EVALUATION.code),
  };
}

/**
 * Demo data on the prepared templates, referring to the stations, teams, people and
 * organisations the earlier seeds made (options.population) by id. One transaction.
 */
export async function seedAssessments(db: DataSource, options: SeedOptions) {
  const population: Population = options.population ?? { people: [], organizations: [] };
  const plan = planAssessmentsSeed(options.seed, population, await currentForms(db));
  const { assessments, certifications } = plan;
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
  const scores = assessments.flatMap((a) => a.scores.map((s) => ({ assessmentId: a.id, ...s })));
  await db.transaction(async (tx) => {
    await tx.query(
      `/* seedAssessments */ INSERT INTO assessments.assessment (id, template_id, subject_type, subject_id, region_code, kind, period,
         status, assessor_id, total_score, grade, bonus_points, created_at, submitted_at, finalized_at)
       SELECT id, template_id, subject_type, subject_id, region_code, kind, period, status, assessor_id, total, grade, bonus,
              now() - make_interval(days => days_ago + 1), CASE WHEN status <> 'DRAFT' THEN now() - make_interval(days => days_ago) END,
              CASE WHEN status = 'FINAL' THEN now() - make_interval(days => days_ago - 1) END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                   $10::numeric[], $11::text[], $12::numeric[], $13::int[])
         AS a(id, template_id, subject_type, subject_id, region_code, kind, period, status, assessor_id, total, grade, bonus, days_ago)`,
      [
        col(assessments, 'id'),
        col(assessments, 'templateId'),
        col(assessments, 'subjectType'),
        col(assessments, 'subjectId'),
        col(assessments, 'regionCode'),
        col(assessments, 'kind'),
        col(assessments, 'period'),
        col(assessments, 'status'),
        col(assessments, 'assessorId'),
        col(assessments, 'totalScore'),
        col(assessments, 'grade'),
        col(assessments, 'bonusPoints'),
        col(assessments, 'daysAgo'),
      ],
    );
    await tx.query(
      `/* seedAssessmentScores */ INSERT INTO assessments.assessment_score (assessment_id, item_id, score, evidence)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::text[])`,
      [col(scores, 'assessmentId'), col(scores, 'itemId'), col(scores, 'score'), col(scores, 'evidence')],
    );
    await tx.query(
      `/* seedCertifications */ INSERT INTO assessments.certification (station_id, region_code, certified_at, certified_by, suspended_at, suspended_by)
       SELECT station_id, region_code, now() - make_interval(days => certified_days), certified_by,
              now() - make_interval(days => suspended_days), suspended_by
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[], $5::int[], $6::uuid[])
         AS c(station_id, region_code, certified_days, certified_by, suspended_days, suspended_by)`,
      [
        col(certifications, 'stationId'),
        col(certifications, 'regionCode'),
        col(certifications, 'certifiedDaysAgo'),
        col(certifications, 'certifiedBy'),
        col(certifications, 'suspendedDaysAgo'),
        col(certifications, 'suspendedBy'),
      ],
    );
  });
  return plan;
}
