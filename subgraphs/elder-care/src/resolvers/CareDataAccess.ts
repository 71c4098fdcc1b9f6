import { accessLogEntryFields, assertUuid, auditLogConnection, forbidden, mayReadAuditLog } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { CareDataAccessResolvers } from '../generated/resolvers';

/** Every read of elders' care and health data shown whole, newest first: city administrators only. */
export async function careDataAccessLog(_: unknown, args: { elderId?: string | null; first?: number | null; after?: string | null }, ctx: ElderCareContext) {
  if (!mayReadAuditLog(ctx.identity)) throw forbidden('the care data access log is for city administrators');
  const filter = { subjectId: args.elderId != null ? assertUuid(args.elderId, 'elderId') : null };
  return auditLogConnection(ctx.audit, filter, args);
}

export const CareDataAccess: CareDataAccessResolvers = {
  ...accessLogEntryFields,
  elder: (row, _, ctx) => ctx.loaders.elder.load(row.subject_id),
};
