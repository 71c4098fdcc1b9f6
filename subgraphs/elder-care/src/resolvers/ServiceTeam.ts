import { isUuid } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { mayReadTeamMembers } from '../domain/access';
import type { TeamRow } from '../repositories/teams';
import { person, readableTeam } from './guards';

type Ctx = ElderCareContext;

/**
 * A team is read by the readers of its region and its members (and comes with a
 * request the caller may read); who is in it only by those who manage the region
 * and the members themselves.
 */
export const ServiceTeam = {
  __resolveReference: async (ref: { id: string }, ctx: Ctx) =>
    readableTeam(ctx, isUuid(ref.id) ? await ctx.loaders.team.load(ref.id.toLowerCase()) : null),
  region: (team: TeamRow) => ({ code: team.regionCode }),
  members: async (team: TeamRow, _: unknown, ctx: Ctx) => {
    const members = (await ctx.loaders.teamMembers.load(team.id)).map((m) => m.personId);
    return mayReadTeamMembers(ctx.identity, team, members) ? members.map((id) => person(id)) : [];
  },
};
