import { assertUuid, isUuid, loadReferenced, parsePage, isStringPair, toConnection, assertRegionCode } from '@civic/shared';
import { elderFacts, type ElderCareContext } from '../context';
import { listRegion } from '../domain/access';
import { elderSide } from '../domain/requestFlow';
import type { CallDeviceRow, EmergencyRow } from '../repositories/emergencies';
import type { ElderRow } from '../repositories/elders';
import type { RequestRow } from '../repositories/requests';
import { person, readableRequest } from './guards';
import type { EmergencyResolvers, QueryResolvers } from '../generated/resolvers';

type Ctx = ElderCareContext;

/** An emergency is read by whoever may read its request (guards.ts), or FORBIDDEN; null stays null. */
async function readableEmergency(ctx: Ctx, emergency: EmergencyRow | null | undefined): Promise<EmergencyRow | null> {
  if (!emergency) return null;
  await readableRequest(ctx, await ctx.loaders.request.load(emergency.requestId));
  return emergency;
}

export const emergencyQueries: QueryResolvers = {
  emergency: async (_, { id }, ctx) => readableEmergency(ctx, await ctx.loaders.emergency.load(assertUuid(id))),

  // A region's list, for the readers of regions; the people told of one emergency read it by id (emergency, ServiceRequest.emergency).
  async emergencies(_, args, ctx) {
    const regionCode = listRegion(ctx.identity, args.regionCode != null ? assertRegionCode(args.regionCode, 'regionCode') : null);
    const open = args.open ?? true;
    const page = parsePage(args, 'Query.emergencies', isStringPair);
    const rows = await ctx.emergencies.page(regionCode, open, page.after, page.limit);
    return toConnection(
      rows,
      page,
      () => ctx.emergencies.count(regionCode, open),
      (e) => [e.cursorAt, e.id],
    );
  },
};

export const Emergency: EmergencyResolvers = {
  __resolveReference: async (ref, ctx) => readableEmergency(ctx, isUuid(ref.id) ? await ctx.loaders.emergency.load(ref.id.toLowerCase()) : null),
  elder: (e, _, ctx) => loadReferenced(ctx.loaders.elder, e.elderId, 'elder'),
  request: (e, _, ctx) => loadReferenced(ctx.loaders.request, e.requestId, 'request'),
  acknowledgedBy: (e) => person(e.acknowledgedBy),
  resolvedBy: (e) => person(e.resolvedBy),
  minutesToAcknowledge: (e) => (e.acknowledgedAt ? Math.round(((e.acknowledgedAt.getTime() - e.raisedAt.getTime()) / 60_000) * 10) / 10 : null),
};

export const emergencyOfRequest = async (request: RequestRow, _: unknown, ctx: Ctx) =>
  request.priority === 'EMERGENCY' ? ctx.loaders.emergencyOfRequest.load(request.id) : null;

/** Devices are shown to the elder's side: the elder, their family and the region's officials. */
export async function callDevicesOfElder(elder: ElderRow, _: unknown, ctx: Ctx): Promise<CallDeviceRow[]> {
  if (!elderSide(ctx.identity, await elderFacts(ctx, elder))) return [];
  return ctx.loaders.callDevices.load(elder.id);
}
