import { assertUuid } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { parsePeriod } from '../domain/period';
import type { AssessmentKind, SubjectType } from '../domain/vocabulary';
import { correctScore, createAssessment, finalize, scoreDraft, submitDraft } from '../services/assessments';
import { parseSubjectId } from '../services/subjects';
import { publishTemplate } from '../services/templates';
import { optionalText, requiredText } from '@civic/shared';
import { scoreInputs } from './args';

type Ctx = AssessmentsContext;
type ScoreArg = { itemId: string; score: number; evidence?: string | null };
interface NewArgs {
  templateId: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: AssessmentKind;
  scores: ScoreArg[];
  period?: string | null;
  idempotencyKey?: string | null;
}

const newAssessment = (args: NewArgs, submit: boolean) => ({
  templateId: assertUuid(args.templateId, 'templateId'),
  subjectType: args.subjectType,
  subjectId: parseSubjectId(args.subjectType, args.subjectId),
  kind: args.kind,
  period: parsePeriod(args.period),
  scores: scoreInputs(args.scores),
  submit,
  idempotencyKey: optionalText(args.idempotencyKey, 100, 'idempotencyKey'),
});

interface TemplateArgs {
  code: string;
  name: string;
  subjectType: SubjectType;
  categories: { name: string; items: { name: string; guidance: string; maxScore: number; weight?: number | null }[] }[];
  certificationThreshold?: number | null;
  grades?: { grade: string; minScore: number }[] | null;
  bonusRules?: { minScore: number; points: number }[] | null;
}

/** Thin: validate the arguments, then hand over to the services, which check the caller, the subject and the state. */
export const Mutation = {
  submitAssessment: (_: unknown, args: NewArgs, ctx: Ctx) => createAssessment(ctx.db, ctx.subjects, ctx.identity, newAssessment(args, true)),

  draftAssessment: (_: unknown, args: NewArgs, ctx: Ctx) =>
    createAssessment(ctx.db, ctx.subjects, ctx.identity, { ...newAssessment(args, false), idempotencyKey: null }),

  scoreAssessmentDraft: (_: unknown, args: { id: string; scores: ScoreArg[] }, ctx: Ctx) =>
    scoreDraft(ctx.db, ctx.identity, assertUuid(args.id), scoreInputs(args.scores)),

  submitAssessmentDraft: (_: unknown, { id }: { id: string }, ctx: Ctx) => submitDraft(ctx.db, ctx.identity, assertUuid(id)),

  finalizeAssessment: (_: unknown, { id }: { id: string }, ctx: Ctx) => finalize(ctx.db, ctx.identity, assertUuid(id)),

  correctAssessmentScore: (_: unknown, args: { id: string; itemId: string; score: number; evidence?: string | null; reason: string }, ctx: Ctx) =>
    correctScore(ctx.db, ctx.identity, assertUuid(args.id), {
      itemId: assertUuid(args.itemId, 'itemId'),
      score: args.score,
      evidence: args.evidence ?? null,
      reason: requiredText(args.reason, 500, 'reason'),
    }),

  publishAssessmentTemplate: (_: unknown, args: TemplateArgs, ctx: Ctx) =>
    publishTemplate(ctx.db, ctx.identity, {
      code: args.code.trim(),
      name: args.name.trim(),
      subjectType: args.subjectType,
      certificationThreshold: args.certificationThreshold ?? null,
      grades: args.grades ?? [],
      bonusRules: args.bonusRules ?? [],
      categories: args.categories.map((c) => ({ name: c.name, items: c.items.map((i) => ({ ...i, weight: i.weight ?? 1 })) })),
    }),
};
