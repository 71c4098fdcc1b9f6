import { assertSignedIn } from '../domain/access';
import { isUuid } from '@civic/shared';
import type { ElderCareContext } from '../context';
import type { TeamRow } from '../repositories/teams';
import { person } from './guards';

type Ctx = ElderCareContext;

/** Teams and their members are visible to signed-in callers (members are only person ids). */
export const ServiceTeam = {
  __resolveReference(ref: { id: string }, ctx: Ctx) {
    assertSignedIn(ctx.identity);
    return isUuid(ref.id) ? ctx.loaders.team.load(ref.id.toLowerCase()) : null;
  },
  region: (team: TeamRow) => ({ code: team.regionCode }),
  members: async (team: TeamRow, _: unknown, ctx: Ctx) => (await ctx.loaders.teamMembers.load(team.id)).map((m) => person(m.personId)),
};
