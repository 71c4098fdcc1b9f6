import { assertUuid, forbidden, isStringPair, parsePage, toConnection } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { AccessLogRow } from '../repositories/audit';
import { mayReadAuditLog } from '../domain/access';

export async function personalDataAccessLog(
  _: unknown,
  args: { personId?: string | null; first?: number | null; after?: string | null },
  ctx: DirectoryContext,
) {
  if (!mayReadAuditLog(ctx.identity)) throw forbidden('the personal data access log is for city administrators');
  const filter = { personId: args.personId != null ? assertUuid(args.personId, 'personId') : null };
  const page = parsePage(args, isStringPair);
  const [rows, total] = await Promise.all([ctx.audit.page(filter, page.after, page.limit), ctx.audit.count(filter)]);
  return toConnection(rows, page, total, (row) => [row.at.toISOString(), row.id]);
}

export const PersonalDataAccess = {
  actorRoles: (row: AccessLogRow) => row.actor_roles,
  actorRegion: (row: AccessLogRow) => row.actor_region,
  person: (row: AccessLogRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.person.load(row.person_id),
};
