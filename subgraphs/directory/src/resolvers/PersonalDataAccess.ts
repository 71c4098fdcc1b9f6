import { accessLogEntryFields, assertUuid, auditLogConnection, forbidden, mayReadAuditLog } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { PersonalDataAccessResolvers } from '../generated/resolvers';

export async function personalDataAccessLog(
  _: unknown,
  args: { personId?: string | null; first?: number | null; after?: string | null },
  ctx: DirectoryContext,
) {
  if (!mayReadAuditLog(ctx.identity)) throw forbidden('the personal data access log is for city administrators');
  const filter = { subjectId: args.personId != null ? assertUuid(args.personId, 'personId') : null };
  return auditLogConnection(ctx.audit, filter, args);
}

export const PersonalDataAccess: PersonalDataAccessResolvers = {
  ...accessLogEntryFields,
  person: (row, _, ctx) => ctx.loaders.person.load(row.subject_id),
};
