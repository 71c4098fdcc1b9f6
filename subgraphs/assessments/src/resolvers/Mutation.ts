import type { EntityManager } from 'typeorm';
import { assertUuid, requiredText, writePath } from '@civic/shared';
import type { AssessmentsContext } from '../context';
import { overseesRule } from '../domain/access';
import { parsePeriod } from '../domain/period';
import type { AssessmentKind, SubjectType } from '../domain/vocabulary';
import { assessmentRepository } from '../repositories/assessments';
import { templateRepository } from '../repositories/templates';
import { correctScore, createAssessment, finalize, scoreDraft, submitDraft } from '../services/assessments';
import { parseSubjectId } from '../services/subjects';
import { checkDefinition, publishTemplate } from '../services/templates';
import { scoreInputs } from './args';
import type {
  MutationCorrectAssessmentScoreArgs,
  MutationDraftAssessmentArgs,
  MutationPublishAssessmentTemplateArgs,
  MutationResolvers,
  MutationScoreAssessmentDraftArgs,
  MutationSubmitAssessmentArgs,
} from '../generated/resolvers';

type Ctx = AssessmentsContext;
type ScoreArg = { itemId: string; score: number; evidence?: string | null };
interface NewArgs {
  templateId: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: AssessmentKind;
  scores: ScoreArg[];
  period?: string | null;
}

const newAssessment = (args: NewArgs, submit: boolean) => ({
  templateId: assertUuid(args.templateId, 'templateId'),
  subjectType: args.subjectType,
  subjectId: parseSubjectId(args.subjectType, args.subjectId),
  kind: args.kind,
  period: parsePeriod(args.period),
  scores: scoreInputs(args.scores),
  submit,
});

/**
 * Every assessment write, declared once: city administrators and district officers
 * (templates: city administrators alone), over the subject's region (overseesRule,
 * applied by the services inside the transaction). Anyone else is refused by the
 * write path before anything is looked up, or the graph asked about the subject.
 */
const write = writePath<Ctx>({ subgraph: 'assessments', dbSchema: 'assessments' });
const OFFICERS = ['CITY_ADMIN', 'DISTRICT_OFFICER'] as const;
const assessment = {
  typename: 'Assessment',
  load: async (tx: EntityManager, id: string) => (await assessmentRepository(tx).findByIds([id]))[0],
};
const id = (args: { id: string }) => ({ id: assertUuid(args.id) });
const STEP = 'a step already taken returns the assessment as it is';

export const writes = {
  submitAssessment: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationSubmitAssessmentArgs) => newAssessment(args, true),
    run: (w, args) => createAssessment(w, w.ctx.subjects, args),
    result: assessment,
  }),
  draftAssessment: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationDraftAssessmentArgs) => newAssessment(args, false),
    run: (w, args) => createAssessment(w, w.ctx.subjects, args),
    result: assessment,
  }),
  scoreAssessmentDraft: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'scores are set per item: the same scores again leave the draft as it is',
    parse: (args: MutationScoreAssessmentDraftArgs) => ({ id: assertUuid(args.id), scores: scoreInputs(args.scores) }),
    run: (w, args) => scoreDraft(w, args.id, args.scores),
  }),
  submitAssessmentDraft: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: STEP,
    parse: id,
    run: (w, args) => submitDraft(w, args.id),
  }),
  finalizeAssessment: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: STEP,
    parse: id,
    run: (w, args) => finalize(w, args.id),
  }),
  correctAssessmentScore: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'repeating the same correction records nothing more',
    parse: (args: MutationCorrectAssessmentScoreArgs) => ({
      id: assertUuid(args.id),
      itemId: assertUuid(args.itemId, 'itemId'),
      score: args.score,
      evidence: args.evidence ?? null,
      reason: requiredText(args.reason, 500, 'reason'),
    }),
    run: (w, { id: assessmentId, ...correction }) => correctScore(w, assessmentId, correction),
  }),
  publishAssessmentTemplate: write.mutation({
    roles: ['CITY_ADMIN'],
    idempotencyKey: 'optional',
    parse: (args: MutationPublishAssessmentTemplateArgs) =>
      checkDefinition({
        code: args.code.trim(),
        name: args.name.trim(),
        subjectType: args.subjectType,
        certificationThreshold: args.certificationThreshold ?? null,
        grades: args.grades ?? [],
        bonusRules: args.bonusRules ?? [],
        categories: args.categories.map((c) => ({ name: c.name, items: c.items.map((i) => ({ ...i, weight: i.weight ?? 1 })) })),
      }),
    run: (w, definition) => publishTemplate(w, definition),
    result: {
      typename: 'AssessmentTemplate',
      load: async (tx: EntityManager, templateId: string) => (await templateRepository(tx).findByIds([templateId]))[0],
    },
  }),
};

export const Mutation: MutationResolvers = write.resolvers(writes);
