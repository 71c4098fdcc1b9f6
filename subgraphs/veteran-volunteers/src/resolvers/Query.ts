import { assertRegionCode, assertUuid, type CheckInPlaceKind, forbidden, isStringPair, parsePage, PageArgs, toConnection, servedHoursField } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import type { ActivityKind } from '../repositories/activities';
import { assertMayReadVeterans, assertOfficer, assertOversees, assertSignedIn, isPlaceStaff } from '../domain/access';
import { checkInRepository, type PlaceStaff } from '../repositories/checkIns';
import { loadVeteran } from './Veteran';
import { veteranDataAccessLog } from './VeteranDataAccess';
import { requiredText, searchText } from '../domain/text';
import { dayRange, instantKey, optionalRegion } from './args';
import { veteranActivityServedHours, veteranShiftServedHours } from '../repositories/servedHours';

type RegionPageArgs = PageArgs & { regionCode?: string | null };

/** A place's check-in code, for its staff (the officers over it, its team's leader) only. */
async function checkInCode(ctx: Ctx, kind: CheckInPlaceKind, id: string, place: (id: string) => Promise<PlaceStaff | null>) {
  assertSignedIn(ctx.identity);
  const found = await place(id);
  if (!found) return null;
  if (!isPlaceStaff(ctx.identity, found)) throw forbidden("a check-in code is for the place's officers and its team's leader only");
  return ctx.checkInCodes.issue({ kind, id });
}

export const Query = {
  veteranShiftServedHours: servedHoursField('veteranShiftServedHours', veteranShiftServedHours),
  veteranActivityServedHours: servedHoursField('veteranActivityServedHours', veteranActivityServedHours),

  activityCheckInCode: (_: unknown, args: { activityId: string }, ctx: Ctx) =>
    checkInCode(ctx, 'ACTIVITY', assertUuid(args.activityId, 'activityId').toLowerCase(), (id) => checkInRepository(ctx.db).activityPlace(id, false)),
  shiftCheckInCode: (_: unknown, args: { shiftId: string }, ctx: Ctx) =>
    checkInCode(ctx, 'SHIFT', assertUuid(args.shiftId, 'shiftId').toLowerCase(), (id) => checkInRepository(ctx.db).shiftPlace(id, false)),

  veteranTeam: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.loaders.team.load(assertUuid(id)),
  veteran(_: unknown, { id }: { id: string }, ctx: Ctx) {
    assertMayReadVeterans(ctx.identity);
    return loadVeteran(ctx, assertUuid(id));
  },

  async veteranTeams(_: unknown, args: RegionPageArgs, ctx: Ctx) {
    const regionCode = optionalRegion(args.regionCode);
    const page = parsePage(args, 'Query.veteranTeams', isStringPair);
    const [rows, total] = await Promise.all([ctx.teams.page(regionCode, page), ctx.teams.count(regionCode)]);
    return toConnection(rows, page, total, (t) => [t.name, t.id]);
  },

  /** Signed-in callers: the Person reference, community and teams; service details mask themselves (see Veteran). */
  async veterans(_: unknown, args: RegionPageArgs, ctx: Ctx) {
    assertMayReadVeterans(ctx.identity);
    const regionCode = optionalRegion(args.regionCode);
    const page = parsePage(args, 'Query.veterans', isStringPair);
    const [rows, total] = await Promise.all([ctx.veterans.page(regionCode, page), ctx.veterans.count(regionCode)]);
    return toConnection(rows, page, total, (v) => [v.regionCode, v.id]);
  },

  veteranServicePoints: (_: unknown, args: { regionCode: string }, ctx: Ctx) =>
    ctx.teams.servicePointsIn(assertRegionCode(args.regionCode)),

  async veteranActivities(_: unknown, args: RegionPageArgs & { kind?: ActivityKind | null }, ctx: Ctx) {
    const filter = { regionCode: optionalRegion(args.regionCode), kind: args.kind ?? null };
    const page = parsePage(args, 'Query.veteranActivities', isStringPair);
    const [rows, total] = await Promise.all([ctx.activities.page(filter, page), ctx.activities.count(filter)]);
    return toConnection(rows, page, total, (a) => instantKey(a.startsAt, a.id));
  },

  checkpoints: (_: unknown, args: { regionCode: string }, ctx: Ctx) => ctx.shifts.checkpointsIn(assertRegionCode(args.regionCode)),

  checkpointServiceDays(_: unknown, args: { regionCode: string; from: Date; to: Date }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    const regionCode = assertRegionCode(args.regionCode);
    assertOversees(ctx.identity, regionCode);
    const range = dayRange(args.from, args.to);
    return ctx.shifts.serviceDays(regionCode, range.start, range.end);
  },

  /** A volunteer's own roster: the veteran whose person is the caller. */
  async myCheckpointShifts(_: unknown, args: { from: Date; to: Date }, ctx: Ctx) {
    assertSignedIn(ctx.identity);
    const range = dayRange(args.from, args.to);
    const me = ctx.identity.sub ? await ctx.veterans.findByPersonId(ctx.identity.sub.toLowerCase()) : null;
    return me ? ctx.shifts.ofVeteran(me.id, range.start, range.end) : [];
  },

  async veteranStories(_: unknown, args: RegionPageArgs & { search?: string | null; tag?: string | null }, ctx: Ctx) {
    const filter = {
      regionCode: optionalRegion(args.regionCode),
      search: args.search != null ? searchText(args.search) : null,
      tag: args.tag != null ? requiredText(args.tag, 'tag', 30) : null,
    };
    const page = parsePage(args, 'Query.veteranStories', isStringPair);
    const [rows, total] = await Promise.all([ctx.stories.page(filter, page), ctx.stories.count(filter)]);
    return toConnection(rows, page, total, (s) => [s.collectedOn, s.id]);
  },

  honourHalls: (_: unknown, args: { regionCode: string }, ctx: Ctx) => ctx.halls.hallsIn(assertRegionCode(args.regionCode)),

  veteranDataAccessLog,
};
