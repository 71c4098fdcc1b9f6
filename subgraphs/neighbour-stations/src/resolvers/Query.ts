import {
  assertRegionCode,
  assertUuid,
  badUserInput,
  DEFAULT_PAGE_SIZE,
  forbidden,
  isGraphService,
  servedHoursField,
  isStringPair,
  loadReferenced,
  MAX_PAGE_SIZE,
  openDataWindow,
  parsePage,
  toConnection,
  unauthenticated,
} from '@civic/shared';
import { loadStationScope } from '../context';
import { isStationStaff } from '../domain/access';
import { parseNear, parseRadius } from '../domain/geo';
import { parseDateRange } from '../domain/rota';
import { intIn, isoDate } from '@civic/shared';
import { readableOrder } from './StationOrder';
import type { QueryResolvers } from '../generated/resolvers';
import { stationDutyServedHours, stationManagersIn } from '../repositories/servedHours';

const EMPTY_PAGE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };

export const Query: QueryResolvers = {
  // An emergency's nearest station staff, for elder care's sweep; no client learns who is on duty this way.
  async stationStaffNear(_, args, ctx) {
    if (!isGraphService(ctx.identity)) throw forbidden("stationStaffNear answers the graph's own subgraphs only");
    const code = assertRegionCode(args.communityCode, 'communityCode');
    if (code.length !== 12) throw badUserInput('communityCode is a community (12 digits)', { argument: 'communityCode' });
    const staff = await ctx.stations.staffNear(code, args.at);
    return (
      staff && { station: await loadReferenced(ctx.loaders.station, staff.stationId, 'station'), managerIds: staff.managerIds, onDutyIds: staff.onDutyIds }
    );
  },

  stationDutyServedHours: servedHoursField('stationDutyServedHours', stationDutyServedHours),

  // Who at a station hears of a volunteer moving in or out (the directory's moveVolunteer).
  stationManagersIn(_, { communityCodes }, ctx) {
    if (!isGraphService(ctx.identity)) throw forbidden("stationManagersIn answers the graph's own subgraphs only");
    if (communityCodes.length > 10) throw badUserInput('at most 10 communities', { argument: 'communityCodes' });
    return stationManagersIn(
      ctx.db,
      communityCodes.map((code) => assertRegionCode(code, 'communityCodes')),
    );
  },

  station: (_, { id }, ctx) => ctx.loaders.station.load(assertUuid(id)),

  async stations(_, args, ctx) {
    const filter = { regionCode: args.regionCode != null ? assertRegionCode(args.regionCode) : null, status: args.status ?? null };
    const page = parsePage(args, 'Query.stations', isStringPair);
    const [rows, total] = await Promise.all([ctx.stations.page(filter, page), ctx.stations.count(filter)]);
    return toConnection(rows, page, total, (station) => [station.name, station.id]);
  },

  async stationsNear(_, args, ctx) {
    const { latitude, longitude, radius } = parseNear(args);
    const limit = intIn(args.first ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, 'first');
    const rows = await ctx.nearby.stationsNear(latitude, longitude, radius, limit);
    return rows.map(({ meters, ...station }) => ({ station, meters }));
  },

  async communitiesWithoutStation(_, args, ctx) {
    const rows = await ctx.nearby.communitiesWithoutStation(assertRegionCode(args.regionCode), parseRadius(args.withinMeters));
    return rows.map((row) => ({
      ...row,
      region: { code: row.regionCode },
      // StationDistance.meters is non-null: a nearest station comes with its distance.
      nearest: row.nearestId && row.nearestMeters != null ? { stationId: row.nearestId, meters: row.nearestMeters } : null,
    }));
  },

  async stationCheckInCode(_, args, ctx) {
    const stationId = assertUuid(args.stationId, 'stationId');
    if (!ctx.identity.sub) throw unauthenticated("a station's check-in code is for its staff: sign in");
    const scope = await loadStationScope(ctx, stationId);
    if (!scope) return null;
    if (!isStationStaff(ctx.identity, scope)) throw forbidden("a station's check-in code is for its staff only");
    return ctx.checkInCodes.issue({ kind: 'STATION', id: stationId });
  },

  dutySlots(_, args, ctx) {
    const stationId = assertUuid(args.stationId, 'stationId');
    const { from, to } = parseDateRange(isoDate(args.from), isoDate(args.to));
    return ctx.dutySlots.ofStation(stationId, from, to);
  },

  async unclaimedDutySlots(_, args, ctx) {
    const { from, to } = parseDateRange(isoDate(args.from), isoDate(args.to));
    const filter = { regionCode: assertRegionCode(args.regionCode), from, to, kind: args.kind ?? null };
    const page = parsePage(args, 'Query.unclaimedDutySlots', isStringPair);
    const now = new Date();
    const [rows, total] = await Promise.all([ctx.dutySlots.unclaimedPage(filter, page, now), ctx.dutySlots.unclaimedCount(filter, now)]);
    return toConnection(rows, page, total, (slot) => [slot.startsAt.toISOString(), slot.id]);
  },

  stationOrder: (_, { id }, ctx) => readableOrder(ctx, assertUuid(id)),

  async stationOrders(_, args, ctx) {
    const stationId = assertUuid(args.stationId, 'stationId');
    const page = parsePage(args, 'Query.stationOrders', isStringPair);
    if (!ctx.identity.sub) throw unauthenticated("sign in to read a station's orders");
    const scope = await loadStationScope(ctx, stationId);
    if (!scope) return EMPTY_PAGE;
    if (!isStationStaff(ctx.identity, scope)) throw forbidden("a station's orders are for its staff");
    const status = args.status ?? null;
    const [rows, total] = await Promise.all([ctx.orders.page(stationId, status, page), ctx.orders.count(stationId, status)]);
    return toConnection(rows, page, total, (order) => [order.sortKey, order.id]);
  },

  // Open data for anyone: the public fields only (PublicStationOrder), so no staff rule applies.
  async publicStationOrders(_, args, ctx) {
    const filter = { ...openDataWindow(args), help: args.help ?? null, statuses: args.statuses ?? null };
    const page = parsePage(args, 'Query.publicStationOrders', isStringPair);
    const [rows, total] = await Promise.all([ctx.orders.publicPage(filter, page), ctx.orders.publicCount(filter)]);
    return toConnection(rows, page, total, (order) => [order.sortKey, order.id]);
  },
};
