import { assertRegionCode, assertUuid, type CheckInPlaceKind, forbidden, isStringPair, parsePage, toConnection, servedHoursField } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import { assertMayReadVeterans, assertOfficer, assertOversees, assertSignedIn, isPlaceStaff } from '../domain/access';
import { checkInRepository, type PlaceStaff } from '../repositories/checkIns';
import { loadVeteran } from './Veteran';
import { veteranDataAccessLog } from './VeteranDataAccess';
import { requiredText, searchText } from '../domain/text';
import { dayRange, instantKey, optionalRegion } from './args';
import type { QueryResolvers } from '../generated/resolvers';
import { veteranActivityServedHours, veteranShiftServedHours } from '../repositories/servedHours';

/** A place's check-in code, for its staff (the officers over it, its team's leader) only. */
async function checkInCode(ctx: Ctx, kind: CheckInPlaceKind, id: string, place: (id: string) => Promise<PlaceStaff | null>) {
  assertSignedIn(ctx.identity);
  const found = await place(id);
  if (!found) return null;
  if (!isPlaceStaff(ctx.identity, found)) throw forbidden("a check-in code is for the place's officers and its team's leader only");
  return ctx.checkInCodes.issue({ kind, id });
}

export const Query: QueryResolvers = {
  veteranShiftServedHours: servedHoursField('veteranShiftServedHours', veteranShiftServedHours),
  veteranActivityServedHours: servedHoursField('veteranActivityServedHours', veteranActivityServedHours),

  activityCheckInCode: (_, args, ctx) =>
    checkInCode(ctx, 'ACTIVITY', assertUuid(args.activityId, 'activityId').toLowerCase(), (id) => checkInRepository(ctx.db).activityPlace(id, false)),
  shiftCheckInCode: (_, args, ctx) =>
    checkInCode(ctx, 'SHIFT', assertUuid(args.shiftId, 'shiftId').toLowerCase(), (id) => checkInRepository(ctx.db).shiftPlace(id, false)),

  veteranTeam: (_, { id }, ctx) => ctx.loaders.team.load(assertUuid(id)),
  veteran(_, { id }, ctx) {
    assertMayReadVeterans(ctx.identity);
    return loadVeteran(ctx, assertUuid(id));
  },

  async veteranTeams(_, args, ctx) {
    const regionCode = optionalRegion(args.regionCode);
    const page = parsePage(args, 'Query.veteranTeams', isStringPair);
    const [rows, total] = await Promise.all([ctx.teams.page(regionCode, page), ctx.teams.count(regionCode)]);
    return toConnection(rows, page, total, (t) => [t.name, t.id]);
  },

  /** Signed-in callers: the Person reference, community and teams; service details mask themselves (see Veteran). */
  async veterans(_, args, ctx) {
    assertMayReadVeterans(ctx.identity);
    const regionCode = optionalRegion(args.regionCode);
    const page = parsePage(args, 'Query.veterans', isStringPair);
    const [rows, total] = await Promise.all([ctx.veterans.page(regionCode, page), ctx.veterans.count(regionCode)]);
    return toConnection(rows, page, total, (v) => [v.regionCode, v.id]);
  },

  veteranServicePoints: (_, args, ctx) => ctx.teams.servicePointsIn(assertRegionCode(args.regionCode)),

  async veteranActivities(_, args, ctx) {
    const filter = { regionCode: optionalRegion(args.regionCode), kind: args.kind ?? null };
    const page = parsePage(args, 'Query.veteranActivities', isStringPair);
    const [rows, total] = await Promise.all([ctx.activities.page(filter, page), ctx.activities.count(filter)]);
    return toConnection(rows, page, total, (a) => instantKey(a.startsAt, a.id));
  },

  checkpoints: (_, args, ctx) => ctx.shifts.checkpointsIn(assertRegionCode(args.regionCode)),

  checkpointServiceDays(_, args, ctx) {
    assertOfficer(ctx.identity);
    const regionCode = assertRegionCode(args.regionCode);
    assertOversees(ctx.identity, regionCode);
    const range = dayRange(args.from, args.to);
    return ctx.shifts.serviceDays(regionCode, range.start, range.end);
  },

  /** A volunteer's own roster: the veteran whose person is the caller. */
  async myCheckpointShifts(_, args, ctx) {
    assertSignedIn(ctx.identity);
    const range = dayRange(args.from, args.to);
    const me = ctx.identity.sub ? await ctx.veterans.findByPersonId(ctx.identity.sub.toLowerCase()) : null;
    return me ? ctx.shifts.ofVeteran(me.id, range.start, range.end) : [];
  },

  async veteranStories(_, args, ctx) {
    const filter = {
      regionCode: optionalRegion(args.regionCode),
      search: args.search != null ? searchText(args.search) : null,
      tag: args.tag != null ? requiredText(args.tag, 'tag', 30) : null,
    };
    const page = parsePage(args, 'Query.veteranStories', isStringPair);
    const [rows, total] = await Promise.all([ctx.stories.page(filter, page), ctx.stories.count(filter)]);
    return toConnection(rows, page, total, (s) => [s.collectedOn, s.id]);
  },

  honourHalls: (_, args, ctx) => ctx.halls.hallsIn(assertRegionCode(args.regionCode)),

  veteranDataAccessLog,
};
