import { forbidden, isUuid } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import type { VeteranRow } from '../repositories/veterans';
import { assertMayReadVeterans, assertSignedIn, mayReadVeteranDetails } from '../domain/access';
import { dayRange } from './args';

/** Every Veteran this subgraph hands out, by any path, is loaded here: signed-in callers only. */
export function loadVeteran(ctx: Ctx, id: string): Promise<VeteranRow | null> {
  assertMayReadVeterans(ctx.identity);
  return ctx.loaders.veteran.load(id);
}

/** A service detail: shown to the veteran and to officers covering their community, null to anyone else. */
const detail =
  <T>(pick: (v: VeteranRow) => T) =>
  (v: VeteranRow, _: unknown, ctx: Ctx): T | null =>
    mayReadVeteranDetails(ctx.identity, v) ? pick(v) : null;

export const Veteran = {
  // async: a refusal is this representation's error, not the whole _entities list's
  async __resolveReference(ref: { id: string }, ctx: Ctx) {
    assertMayReadVeterans(ctx.identity);
    return isUuid(ref.id) ? loadVeteran(ctx, ref.id.toLowerCase()) : null;
  },
  person: (v: VeteranRow) => ({ id: v.personId }),
  region: (v: VeteranRow) => ({ code: v.regionCode }),
  teams: (v: VeteranRow, _: unknown, ctx: Ctx) => ctx.loaders.veteranTeams.load(v.id),
  serviceYears: detail((v) => v.serviceYears),
  dischargeYear: detail((v) => v.dischargeYear),
  partyMember: detail((v) => v.partyMember),
  skills: detail((v) => v.skills),
  memberships: (v: VeteranRow, _: unknown, ctx: Ctx) =>
    mayReadVeteranDetails(ctx.identity, v) ? ctx.loaders.veteranMemberships.load(v.id) : null,

  async shifts(v: VeteranRow, args: { from: Date; to: Date }, ctx: Ctx) {
    assertSignedIn(ctx.identity);
    if (!mayReadVeteranDetails(ctx.identity, v)) throw forbidden("only the veteran or an officer covering their community may see a veteran's shifts");
    const range = dayRange(args.from, args.to);
    return ctx.shifts.ofVeteran(v.id, range.start, range.end);
  },
};
