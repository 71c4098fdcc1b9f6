import { isStringPair, parsePage, toConnection, type PageArgs } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Person as PersonRow } from '../entities/Person';
import { noticeRepository } from '../repositories/notices';
import type { NoticeResolvers } from '../generated/resolvers';

/** Person.notices: the person's own feed; nobody else's, not even an officer's (null). */
export async function personNotices(person: PersonRow, args: PageArgs & { unreadOnly?: boolean | null }, ctx: DirectoryContext) {
  if (!ctx.identity.sub || ctx.identity.sub.toLowerCase() !== person.id) return null;
  const page = parsePage(args, 'Person.notices', isStringPair);
  const { rows, total } = await noticeRepository(ctx.db).page(person.id, args.unreadOnly ?? false, page);
  return toConnection(rows, page, total, (row) => [row.createdAt.toISOString(), row.id]);
}

export const Notice: NoticeResolvers = {
  createdAt: (row) => row.createdAt,
  readAt: (row) => row.readAt,
};
