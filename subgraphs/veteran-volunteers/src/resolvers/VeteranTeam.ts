import { isStringPair, isUuid, parsePage, PageArgs, toConnection } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import type { MembershipRow, ServicePointRow, TeamRow } from '../repositories/teams';
import { instantKey } from './args';
import { assertMayReadVeterans } from '../domain/access';
import { loadVeteran } from './Veteran';

export const VeteranTeam = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => (isUuid(ref.id) ? ctx.loaders.team.load(ref.id.toLowerCase()) : null),
  region: (t: TeamRow) => ({ code: t.regionCode }),
  /** The team itself is public; who is in it is for signed-in callers. */
  members(t: TeamRow, _: unknown, ctx: Ctx) {
    assertMayReadVeterans(ctx.identity);
    return ctx.loaders.teamMembers.load(t.id);
  },
  leader: (t: TeamRow, _: unknown, ctx: Ctx) => (t.leaderId ? loadVeteran(ctx, t.leaderId) : null),
  servicePoint: (t: TeamRow, _: unknown, ctx: Ctx) => (t.servicePointId ? ctx.loaders.servicePoint.load(t.servicePointId) : null),

  async activities(t: TeamRow, args: PageArgs, ctx: Ctx) {
    const page = parsePage(args, 'VeteranTeam.activities', isStringPair);
    // Batched over the teams of the request, and counted only when totalCount is asked.
    const rows = await ctx.loaders.teamActivities.load({ parentId: t.id, page });
    const total = async () => (await ctx.loaders.teamActivityCount.load(t.id))?.count ?? 0;
    return toConnection(rows, page, total, (a) => instantKey(a.startsAt, a.id));
  },
};

export const TeamMembership = {
  team: (m: MembershipRow, _: unknown, ctx: Ctx) => ctx.loaders.team.load(m.teamId),
  veteran: (m: MembershipRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, m.veteranId),
};

export const VeteranServicePoint = {
  region: (p: ServicePointRow) => ({ code: p.regionCode }),
};
