import type { AssessmentsContext } from '../context';
import { mayReadAssessment } from '../domain/access';
import type { AssessmentRow } from '../repositories/assessments';

/**
 * The assessment when the caller may read its details, else null: the same rule for
 * root fields, lists and references. `managedStationId`: a station the caller
 * manages (see `Station.managedByCaller`), whose assessments its manager may read.
 */
export const readable = (ctx: AssessmentsContext, row: AssessmentRow | null, managedStationId: string | null = null): AssessmentRow | null =>
  row && mayReadAssessment(ctx.identity, row, managedStationId) ? row : null;

export async function readableById(ctx: AssessmentsContext, id: string | null, managedStationId: string | null = null): Promise<AssessmentRow | null> {
  return id ? readable(ctx, await ctx.loaders.assessment.load(id), managedStationId) : null;
}

/** A subject's assessments the caller may read, newest first. */
export async function readableOfSubject(ctx: AssessmentsContext, key: string, managedStationId: string | null = null): Promise<AssessmentRow[]> {
  return (await ctx.loaders.subjectAssessments.load(key)).filter((row) => readable(ctx, row, managedStationId));
}
