import { isStringPair, isUuid, loadReferenced, parsePage, toConnection } from '@civic/shared';
import { instantKey } from './args';
import { assertMayReadVeterans } from '../domain/access';
import { loadVeteran, referencedVeteran } from './Veteran';
import type { TeamMembershipResolvers, VeteranServicePointResolvers, VeteranTeamResolvers } from '../generated/resolvers';

export const VeteranTeam: VeteranTeamResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.team.load(ref.id.toLowerCase()) : null),
  region: (t) => ({ code: t.regionCode }),
  /** The team itself is public; who is in it is for signed-in callers. */
  members(t, _, ctx) {
    assertMayReadVeterans(ctx.identity);
    return ctx.loaders.teamMembers.load(t.id);
  },
  leader: (t, _, ctx) => (t.leaderId ? loadVeteran(ctx, t.leaderId) : null),
  servicePoint: (t, _, ctx) => (t.servicePointId ? ctx.loaders.servicePoint.load(t.servicePointId) : null),

  async activities(t, args, ctx) {
    const page = parsePage(args, 'VeteranTeam.activities', isStringPair);
    // Batched over the teams of the request, and counted only when totalCount is asked.
    const rows = await ctx.loaders.teamActivities.load({ parentId: t.id, page });
    const total = async () => (await ctx.loaders.teamActivityCount.load(t.id))?.count ?? 0;
    return toConnection(rows, page, total, (a) => instantKey(a.startsAt, a.id));
  },
};

export const TeamMembership: TeamMembershipResolvers = {
  team: (m, _, ctx) => loadReferenced(ctx.loaders.team, m.teamId, 'team'),
  veteran: (m, _, ctx) => referencedVeteran(ctx, m.veteranId),
};

export const VeteranServicePoint: VeteranServicePointResolvers = {
  region: (p) => ({ code: p.regionCode }),
};
