import type { DataSource, EntityManager } from 'typeorm';
import { seedInsert, seedStep, type SeedColumn, type SeedOptions } from '@civic/shared';
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

const insert = <R>(tx: EntityManager, name: string, table: string, columns: SeedColumn<R>[], rows: readonly R[]) =>
  seedInsert(tx, 'assessments', name, `assessments.${table}`, columns, rows);

/**
 * Demo data on the prepared templates, referring to the stations, teams, people and
 * organisations the earlier seeds made (options.population) by id: it grows with
 * them (every station and team is scored). One transaction, chunked statements.
 * Times count back from now by each row's age in days.
 */
export async function seedAssessments(db: DataSource, options: SeedOptions) {
  const population: Population = options.population ?? { people: [], organizations: [] };
  const forms = await currentForms(db);
  const plan = await seedStep(
    'assessments',
    'plan',
    (p) => p.assessments.length,
    () => planAssessmentsSeed(options.seed, population, forms),
  );
  const { assessments, certifications } = plan;
  const scores = assessments.flatMap((a) => a.scores.map((s) => ({ assessmentId: a.id, ...s })));
  await db.transaction(async (tx) => {
    await insert(
      tx,
      'seedAssessments',
      'assessment',
      [
        ['id', 'uuid', (a) => a.id],
        ['template_id', 'uuid', (a) => a.templateId],
        ['subject_type', 'text', (a) => a.subjectType],
        ['subject_id', 'text', (a) => a.subjectId],
        ['region_code', 'text', (a) => a.regionCode],
        ['kind', 'text', (a) => a.kind],
        ['period', 'text', (a) => a.period],
        ['status', 'text', (a) => a.status],
        ['assessor_id', 'uuid', (a) => a.assessorId],
        ['total_score', 'numeric', (a) => a.totalScore],
        ['grade', 'text', (a) => a.grade],
        ['bonus_points', 'numeric', (a) => a.bonusPoints],
        ['created_at', 'int', (a) => a.daysAgo, 'now() - make_interval(days => u.created_at + 1)'],
        ['submitted_at', 'int', (a) => a.daysAgo, `CASE WHEN u.status <> 'DRAFT' THEN now() - make_interval(days => u.submitted_at) END`],
        ['finalized_at', 'int', (a) => a.daysAgo, `CASE WHEN u.status = 'FINAL' THEN now() - make_interval(days => u.finalized_at - 1) END`],
      ],
      assessments,
    );
    await insert(
      tx,
      'seedAssessmentScores',
      'assessment_score',
      [
        ['assessment_id', 'uuid', (s) => s.assessmentId],
        ['item_id', 'uuid', (s) => s.itemId],
        ['score', 'numeric', (s) => s.score],
        ['evidence', 'text', (s) => s.evidence],
      ],
      scores,
    );
    await insert(
      tx,
      'seedCertifications',
      'certification',
      [
        ['station_id', 'uuid', (c) => c.stationId],
        ['region_code', 'text', (c) => c.regionCode],
        ['certified_at', 'int', (c) => c.certifiedDaysAgo, 'now() - make_interval(days => u.certified_at)'],
        ['certified_by', 'uuid', (c) => c.certifiedBy],
        ['suspended_at', 'int', (c) => c.suspendedDaysAgo, 'now() - make_interval(days => u.suspended_at)'],
        ['suspended_by', 'uuid', (c) => c.suspendedBy],
      ],
      certifications,
    );
  });
  return plan;
}
