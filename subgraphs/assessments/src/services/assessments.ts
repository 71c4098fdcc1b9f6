import type { DataSource } from 'typeorm';
import { badUserInput, conflict, Identity, notFound } from '@civic/shared';
import { assertOfficer, assertOversees } from '../domain/access';
import { decideCertification } from '../domain/certification';
import { decideLifecycle, LifecycleAction } from '../domain/lifecycle';
import { bonusFor, checkScore, checkScores, cleanEvidence, gradeFor, ScoreInput, totalScore } from '../domain/scoring';
import type { AssessmentKind, SubjectType } from '../domain/vocabulary';
import { assessmentRepository, AssessmentRow } from '../repositories/assessments';
import { certificationRepository } from '../repositories/certifications';
import type { Sql } from '@civic/shared';
import { templateRepository, TemplateItemRow, TemplateRow } from '../repositories/templates';
import type { SubjectLookup } from './subjects';

export interface NewAssessmentArgs {
  templateId: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: AssessmentKind;
  period: string;
  scores: ScoreInput[];
  /** false: a DRAFT that may miss items */
  submit: boolean;
  idempotencyKey: string | null;
}

async function templateWithItems(db: Sql, templateId: string): Promise<{ template: TemplateRow; items: TemplateItemRow[] } | null> {
  const templates = templateRepository(db);
  const [template] = await templates.findByIds([templateId]);
  return template ? { template, items: await templates.itemsOf([templateId]) } : null;
}

/** Recomputes the total and grade from the scores that count now (corrections applied) and stores them with the status. */
async function recompute(db: Sql, row: AssessmentRow, status: AssessmentRow['status'], extra: { bonus?: boolean } = {}): Promise<AssessmentRow> {
  const assessments = assessmentRepository(db);
  const found = await templateWithItems(db, row.templateId);
  const { template, items } = found as NonNullable<typeof found>;
  const scores = await assessments.scoresOf([row.id]);
  const total = totalScore(items, new Map(scores.map((s) => [s.itemId, s.score])));
  const grade = status === 'DRAFT' ? null : gradeFor(template.grades, total);
  const bonusPoints = extra.bonus ? bonusFor(template.bonusRules, total) : undefined;
  await assessments.update(row.id, { status, totalScore: total, grade, bonusPoints });
  return (await assessments.findByIds([row.id]))[0];
}

/**
 * Scores a subject: the caller's role first, then the template and the scores
 * (nothing asked of the graph for bad input), then the subject with its owner, then
 * the caller's region over the subject's; only then one transaction writes.
 */
export async function createAssessment(db: DataSource, subjects: SubjectLookup, identity: Identity, args: NewAssessmentArgs): Promise<AssessmentRow> {
  assertOfficer(identity);
  const found = await templateWithItems(db, args.templateId);
  if (!found) throw notFound('no assessment template with this id');
  const { template, items } = found;
  if (template.subjectType !== args.subjectType) {
    throw badUserInput(`this template assesses ${template.subjectType}, not ${args.subjectType}`, { argument: 'templateId' });
  }
  if (!template.current) throw badUserInput('this template version is superseded: score on the current version', { argument: 'templateId' });
  const scores = checkScores(items, args.scores, args.submit);
  if (args.idempotencyKey && identity.sub) {
    const earlier = await assessmentRepository(db).byIdempotencyKey(identity.sub, args.idempotencyKey);
    if (earlier) return earlier;
  }
  const subject = await subjects.find(args.subjectType, args.subjectId);
  if (!subject) throw notFound(`no ${args.subjectType.toLowerCase().replace('_', ' ')} with this id`);
  if (!subject.regionCode) throw badUserInput('the subject has no region, so no one can be in charge of assessing it', { argument: 'subjectId' });
  assertOversees(identity, subject.regionCode);

  return db.transaction(async (tx) => {
    const assessments = assessmentRepository(tx);
    const id = await assessments.insert({
      templateId: template.id,
      subjectType: args.subjectType,
      subjectId: args.subjectId,
      regionCode: subject.regionCode as string,
      kind: args.kind,
      period: args.period,
      status: args.submit ? 'SUBMITTED' : 'DRAFT',
      assessorId: identity.sub,
      idempotencyKey: args.idempotencyKey,
    });
    // A concurrent retry with the same key won the insert: answer with its assessment.
    if (!id) return (await assessments.byIdempotencyKey(identity.sub as string, args.idempotencyKey as string)) as AssessmentRow;
    if (scores.length) await assessments.upsertScores(id, scores);
    const [row] = await assessments.findByIds([id]);
    return recompute(tx, row, row.status);
  });
}

/** Locks the assessment, checks the caller's region over it, and decides the step. */
async function step<T>(
  db: DataSource,
  identity: Identity,
  id: string,
  action: LifecycleAction,
  go: (tx: Sql, row: AssessmentRow, items: TemplateItemRow[], template: TemplateRow) => Promise<T>,
): Promise<AssessmentRow | T> {
  assertOfficer(identity);
  return db.transaction(async (tx) => {
    const row = await assessmentRepository(tx).lock(id);
    if (!row) throw notFound('no assessment with this id');
    assertOversees(identity, row.regionCode);
    const decision = decideLifecycle(action, row.status);
    if (decision.kind === 'already') return row;
    if (decision.kind === 'refuse') throw conflict(decision.message);
    const { template, items } = (await templateWithItems(tx, row.templateId)) as NonNullable<Awaited<ReturnType<typeof templateWithItems>>>;
    return go(tx, row, items, template);
  });
}

export const scoreDraft = (db: DataSource, identity: Identity, id: string, given: ScoreInput[]) =>
  step(db, identity, id, 'SCORE_DRAFT', async (tx, row, items) => {
    await assessmentRepository(tx).upsertScores(row.id, checkScores(items, given, false));
    return recompute(tx, row, 'DRAFT');
  });

export const submitDraft = (db: DataSource, identity: Identity, id: string) =>
  step(db, identity, id, 'SUBMIT', async (tx, row, items) => {
    const scored = await assessmentRepository(tx).scoresOf([row.id]);
    checkScores(items, scored.map((s) => ({ itemId: s.itemId, score: s.score, evidence: s.evidence })), true);
    return recompute(tx, row, 'SUBMITTED');
  });

/** SUBMITTED → FINAL, with the bonus points and, for a station evaluation, the plaque decided in the same transaction. */
export const finalize = (db: DataSource, identity: Identity, id: string) =>
  step(db, identity, id, 'FINALIZE', async (tx, row, _items, template) => {
    const final = await recompute(tx, row, 'FINAL', { bonus: true });
    if (final.subjectType === 'STATION' && template.certificationThreshold !== null) {
      const certifications = certificationRepository(tx);
      const live = await certifications.lockLive(final.subjectId);
      const decision = decideCertification({
        kind: final.kind,
        total: final.totalScore,
        threshold: template.certificationThreshold,
        certifiedAt: live?.certifiedAt ?? null,
        submittedAt: final.submittedAt as Date,
      });
      if (decision === 'CERTIFY') await certifications.certify(final.subjectId, final.regionCode, final.id);
      if (decision === 'SUSPEND' && live) await certifications.suspend(live.id, final.id);
    }
    return final;
  });

export interface CorrectionArgs {
  itemId: string;
  score: number;
  evidence: string | null;
  reason: string;
}

/** A correction beside the submitted score; repeating the same correction records nothing more. */
export const correctScore = (db: DataSource, identity: Identity, id: string, args: CorrectionArgs) =>
  step(db, identity, id, 'CORRECT', async (tx, row, items) => {
    const item = items.find((i) => i.id === args.itemId);
    if (!item) throw badUserInput(`item ${args.itemId} is not an item of this assessment's template`, { argument: 'itemId' });
    checkScore(item, args.score);
    const evidence = cleanEvidence(args.evidence);
    const assessments = assessmentRepository(tx);
    const current = (await assessments.scoresOf([row.id])).find((s) => s.itemId === item.id);
    if (!current) throw badUserInput(`item "${item.name}" was not scored`, { argument: 'itemId' });
    if (current.corrected && current.score === args.score && current.evidence === evidence) return row;
    await assessments.addCorrection(row.id, { itemId: item.id, score: args.score, evidence, reason: args.reason, correctedBy: identity.sub });
    return recompute(tx, row, row.status);
  });
