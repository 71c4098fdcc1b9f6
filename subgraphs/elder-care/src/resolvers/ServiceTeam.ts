import { isUuid } from '@civic/shared';
import { mayReadTeamMembers } from '../domain/access';
import { person, readableTeam } from './guards';
import type { ServiceTeamResolvers } from '../generated/resolvers';

/**
 * A team is read by the readers of its region and its members (and comes with a
 * request the caller may read); who is in it only by those who manage the region
 * and the members themselves.
 */
export const ServiceTeam: ServiceTeamResolvers = {
  __resolveReference: async (ref, ctx) => readableTeam(ctx, isUuid(ref.id) ? await ctx.loaders.team.load(ref.id.toLowerCase()) : null),
  region: (team) => ({ code: team.regionCode }),
  members: async (team, _, ctx) => {
    const members = (await ctx.loaders.teamMembers.load(team.id)).map((m) => m.personId);
    return mayReadTeamMembers(ctx.identity, team, members) ? members.map((id) => person(id)) : [];
  },
};
