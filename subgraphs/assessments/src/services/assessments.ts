import { badUserInput, conflict, notFound, type Write } from '@civic/shared';
import { overseesRule } from '../domain/access';
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
 * Scores a subject: the template and the scores (nothing asked of the graph for
 * bad input), then the subject with its owner, then the caller's region over the
 * subject's; then the rows, in the write path's one transaction.
 */
export async function createAssessment(w: Write, subjects: SubjectLookup, args: NewAssessmentArgs): Promise<AssessmentRow> {
  const found = await templateWithItems(w.tx, args.templateId);
  if (!found) throw notFound('no assessment template with this id');
  const { template, items } = found;
  if (template.subjectType !== args.subjectType) {
    throw badUserInput(`this template assesses ${template.subjectType}, not ${args.subjectType}`, { argument: 'templateId' });
  }
  if (!template.current) throw badUserInput('this template version is superseded: score on the current version', { argument: 'templateId' });
  const scores = checkScores(items, args.scores, args.submit);
  const subject = await subjects.find(args.subjectType, args.subjectId);
  if (!subject) throw notFound(`no ${args.subjectType.toLowerCase().replace('_', ' ')} with this id`);
  if (!subject.regionCode) throw badUserInput('the subject has no region, so no one can be in charge of assessing it', { argument: 'subjectId' });
  w.require(overseesRule, { regionCode: subject.regionCode });

  const assessments = assessmentRepository(w.tx);
  // The write path's key store keeps retries apart, so the assessment's own key column stays empty.
  const id = (await assessments.insert({
    templateId: template.id,
    subjectType: args.subjectType,
    subjectId: args.subjectId,
    regionCode: subject.regionCode,
    kind: args.kind,
    period: args.period,
    status: args.submit ? 'SUBMITTED' : 'DRAFT',
    assessorId: w.actor,
    idempotencyKey: null,
  })) as string;
  if (scores.length) await assessments.upsertScores(id, scores);
  const [row] = await assessments.findByIds([id]);
  return recompute(w.tx, row, row.status);
}

/** Locks the assessment, checks the caller's region over it, and decides the step. */
async function step<T>(
  w: Write,
  id: string,
  action: LifecycleAction,
  go: (tx: Sql, row: AssessmentRow, items: TemplateItemRow[], template: TemplateRow) => Promise<T>,
): Promise<AssessmentRow | T> {
  const row = await assessmentRepository(w.tx).lock(id);
  if (!row) throw notFound('no assessment with this id');
  w.require(overseesRule, row);
  const decision = decideLifecycle(action, row.status);
  if (decision.kind === 'already') return row;
  if (decision.kind === 'refuse') throw conflict(decision.message);
  const { template, items } = (await templateWithItems(w.tx, row.templateId)) as NonNullable<Awaited<ReturnType<typeof templateWithItems>>>;
  return go(w.tx, row, items, template);
}

export const scoreDraft = (w: Write, id: string, given: ScoreInput[]) =>
  step(w, id, 'SCORE_DRAFT', async (tx, row, items) => {
    await assessmentRepository(tx).upsertScores(row.id, checkScores(items, given, false));
    return recompute(tx, row, 'DRAFT');
  });

export const submitDraft = (w: Write, id: string) =>
  step(w, id, 'SUBMIT', async (tx, row, items) => {
    const scored = await assessmentRepository(tx).scoresOf([row.id]);
    checkScores(
      items,
      scored.map((s) => ({ itemId: s.itemId, score: s.score, evidence: s.evidence })),
      true,
    );
    return recompute(tx, row, 'SUBMITTED');
  });

/** SUBMITTED → FINAL, with the bonus points and, for a station evaluation, the plaque decided in the same transaction. */
export const finalize = (w: Write, id: string) =>
  step(w, id, 'FINALIZE', async (tx, row, _items, template) => {
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
export const correctScore = (w: Write, id: string, args: CorrectionArgs) =>
  step(w, id, 'CORRECT', async (tx, row, items) => {
    const item = items.find((i) => i.id === args.itemId);
    if (!item) throw badUserInput(`item ${args.itemId} is not an item of this assessment's template`, { argument: 'itemId' });
    checkScore(item, args.score);
    const evidence = cleanEvidence(args.evidence);
    const assessments = assessmentRepository(tx);
    const current = (await assessments.scoresOf([row.id])).find((s) => s.itemId === item.id);
    if (!current) throw badUserInput(`item "${item.name}" was not scored`, { argument: 'itemId' });
    if (current.corrected && current.score === args.score && current.evidence === evidence) return row;
    await assessments.addCorrection(row.id, { itemId: item.id, score: args.score, evidence, reason: args.reason, correctedBy: w.actor });
    return recompute(tx, row, row.status);
  });
