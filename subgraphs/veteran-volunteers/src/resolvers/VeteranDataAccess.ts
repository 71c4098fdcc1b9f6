import { accessLogEntryFields, assertUuid, auditLogConnection, forbidden, mayReadAuditLog, PageArgs } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import { assertSignedIn } from '../domain/access';
import { loadVeteran } from './Veteran';
import type { VeteranDataAccessResolvers } from '../generated/resolvers';

/** The veteran data access log, newest first: city administrators only. */
export function veteranDataAccessLog(_: unknown, args: PageArgs & { veteranId?: string | null }, ctx: Ctx) {
  assertSignedIn(ctx.identity);
  if (!mayReadAuditLog(ctx.identity)) throw forbidden('the veteran data access log is for city administrators');
  const filter = { subjectId: args.veteranId != null ? assertUuid(args.veteranId, 'veteranId') : null };
  return auditLogConnection(ctx.audit, filter, args);
}

export const VeteranDataAccess: VeteranDataAccessResolvers = {
  ...accessLogEntryFields,
  veteran: (row, _, ctx) => loadVeteran(ctx, row.subject_id),
};
