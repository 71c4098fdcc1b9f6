import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, isUuid, loadReferenced, operationName } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import type { VeteranRow } from '../repositories/veterans';
import { assertMayReadVeterans, assertSignedIn, mayReadVeteranDetails } from '../domain/access';
import type { VeteranDetail } from '../domain/audit';
import { dayRange } from './args';
import type { VeteranResolvers } from '../generated/resolvers';

/** Every Veteran this subgraph hands out, by any path, is loaded here: signed-in callers only. */
export function loadVeteran(ctx: Ctx, id: string): Promise<VeteranRow | null> {
  assertMayReadVeterans(ctx.identity);
  return ctx.loaders.veteran.load(id);
}

/** The veteran a row's foreign key names (a shift's, a membership's), for a non-null `veteran` field. */
export function referencedVeteran(ctx: Ctx, id: string): Promise<VeteranRow> {
  assertMayReadVeterans(ctx.identity);
  return loadReferenced(ctx.loaders.veteran, id, 'veteran');
}

/**
 * A service detail: shown to the veteran and to officers covering their community
 * (and logged before it is shown: no log, no data), null to anyone else.
 */
async function shown<T>(v: VeteranRow, field: VeteranDetail, value: () => T | Promise<T>, ctx: Ctx, info: GraphQLResolveInfo) {
  if (!mayReadVeteranDetails(ctx.identity, v)) return null;
  const whole = await value();
  if (whole === null) return null;
  await ctx.auditTrail.record(v.id, field, operationName(info));
  return whole;
}

const detail =
  <T>(field: VeteranDetail, pick: (v: VeteranRow) => T) =>
  (v: VeteranRow, _: unknown, ctx: Ctx, info: GraphQLResolveInfo) =>
    shown(v, field, () => pick(v), ctx, info);

export const Veteran: VeteranResolvers = {
  // async: a refusal is this representation's error, not the whole _entities list's
  async __resolveReference(ref, ctx) {
    assertMayReadVeterans(ctx.identity);
    return isUuid(ref.id) ? loadVeteran(ctx, ref.id.toLowerCase()) : null;
  },
  person: (v) => ({ id: v.personId }),
  region: (v) => ({ code: v.regionCode }),
  teams: (v, _, ctx) => ctx.loaders.veteranTeams.load(v.id),
  enlistmentYear: detail('enlistmentYear', (v) => v.enlistmentYear),
  serviceYears: detail('serviceYears', (v) => v.serviceYears),
  dischargeYear: detail('dischargeYear', (v) => v.dischargeYear),
  partyMember: detail('partyMember', (v) => v.partyMember),
  skills: detail('skills', (v) => v.skills),
  memberships: (v, _, ctx, info) => shown(v, 'memberships', () => ctx.loaders.veteranMemberships.load(v.id), ctx, info),

  /** Not a service detail (nothing is logged), but the veteran's own record: shown as the details are. */
  noShows: async (v, _, ctx) => (mayReadVeteranDetails(ctx.identity, v) ? ((await ctx.loaders.noShows.load(v.id))?.count ?? 0) : null),

  async shifts(v, args, ctx, info) {
    assertSignedIn(ctx.identity);
    if (!mayReadVeteranDetails(ctx.identity, v)) throw forbidden("only the veteran or an officer covering their community may see a veteran's shifts");
    const range = dayRange(args.from, args.to);
    const shifts = await ctx.shifts.ofVeteran(v.id, range.start, range.end);
    await ctx.auditTrail.record(v.id, 'shifts', operationName(info));
    return shifts;
  },
};
