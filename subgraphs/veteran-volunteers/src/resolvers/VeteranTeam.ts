import { isStringPair, isUuid, parsePage, PageArgs, toConnection } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import type { MembershipRow, ServicePointRow, TeamRow } from '../repositories/teams';
import { instantKey } from './args';

export const VeteranTeam = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => (isUuid(ref.id) ? ctx.loaders.team.load(ref.id.toLowerCase()) : null),
  region: (t: TeamRow) => ({ code: t.regionCode }),
  members: (t: TeamRow, _: unknown, ctx: Ctx) => ctx.loaders.teamMembers.load(t.id),
  leader: (t: TeamRow, _: unknown, ctx: Ctx) => (t.leaderId ? ctx.loaders.veteran.load(t.leaderId) : null),
  servicePoint: (t: TeamRow, _: unknown, ctx: Ctx) => (t.servicePointId ? ctx.loaders.servicePoint.load(t.servicePointId) : null),

  async activities(t: TeamRow, args: PageArgs, ctx: Ctx) {
    const page = parsePage(args, isStringPair);
    const filter = { teamId: t.id };
    const [rows, total] = await Promise.all([ctx.activities.page(filter, page), ctx.activities.count(filter)]);
    return toConnection(rows, page, total, (a) => instantKey(a.startsAt, a.id));
  },
};

export const TeamMembership = {
  team: (m: MembershipRow, _: unknown, ctx: Ctx) => ctx.loaders.team.load(m.teamId),
  veteran: (m: MembershipRow, _: unknown, ctx: Ctx) => ctx.loaders.veteran.load(m.veteranId),
};

export const VeteranServicePoint = {
  region: (p: ServicePointRow) => ({ code: p.regionCode }),
};
