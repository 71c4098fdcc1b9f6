import { isUuid, loadReferenced } from '@civic/shared';
import { loadStationScope, NeighbourStationsContext } from '../context';
import { isStationStaff } from '../domain/access';
import type { StationOrderRow } from '../repositories/orders';
import type { StationOrderResolvers, StationOrderStepResolvers } from '../generated/resolvers';

/** An order is read by its resident, its volunteer and the station's staff; to anyone else it does not exist. */
export async function mayReadOrder(ctx: NeighbourStationsContext, order: StationOrderRow): Promise<boolean> {
  const { sub } = ctx.identity;
  if (sub && (sub === order.residentId || sub === order.volunteerId)) return true;
  const scope = await loadStationScope(ctx, order.stationId);
  return scope !== null && isStationStaff(ctx.identity, scope);
}

export async function readableOrder(ctx: NeighbourStationsContext, id: string): Promise<StationOrderRow | null> {
  const order = await ctx.loaders.order.load(id);
  return order && (await mayReadOrder(ctx, order)) ? order : null;
}

const person = (id: string | null) => (id ? { id } : null);

export const StationOrder: StationOrderResolvers = {
  __resolveReference: (ref, ctx) => (isUuid(ref.id) ? readableOrder(ctx, ref.id.toLowerCase()) : null),

  station: (order, _, ctx) => loadReferenced(ctx.loaders.station, order.stationId, 'station'),
  resident: (order) => person(order.residentId),
  volunteer: (order) => person(order.volunteerId),
  team: (order, _, ctx) => (order.teamId ? ctx.loaders.team.load(order.teamId) : null),
  history: (order, _, ctx) => ctx.loaders.orderSteps.load(order.id),
};

export const StationOrderStep: StationOrderStepResolvers = {
  by: (step) => person(step.actorId),
};
