import type { AssessmentsContext } from '../context';
import { mayReadAssessment } from '../domain/access';
import type { AssessmentRow } from '../repositories/assessments';

/** The assessment when the caller may read its details, else null: the same rule for root fields, lists and references. */
export const readable = (ctx: AssessmentsContext, row: AssessmentRow | null): AssessmentRow | null =>
  row && mayReadAssessment(ctx.identity, row) ? row : null;

export async function readableById(ctx: AssessmentsContext, id: string | null): Promise<AssessmentRow | null> {
  return id ? readable(ctx, await ctx.loaders.assessment.load(id)) : null;
}

/** A subject's assessments the caller may read, newest first. */
export async function readableOfSubject(ctx: AssessmentsContext, key: string): Promise<AssessmentRow[]> {
  return (await ctx.loaders.subjectAssessments.load(key)).filter((row) => readable(ctx, row));
}
