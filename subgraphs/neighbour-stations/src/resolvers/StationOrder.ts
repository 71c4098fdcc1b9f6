import { isUuid } from '@civic/shared';
import { loadStationScope, NeighbourStationsContext } from '../context';
import { isStationStaff } from '../domain/access';
import type { StationOrderRow, StationOrderStepRow } from '../repositories/orders';

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

export const StationOrder = {
  __resolveReference: (ref: { id: string }, ctx: NeighbourStationsContext) =>
    isUuid(ref.id) ? readableOrder(ctx, ref.id.toLowerCase()) : null,

  station: (order: StationOrderRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.station.load(order.stationId),
  resident: (order: StationOrderRow) => person(order.residentId),
  volunteer: (order: StationOrderRow) => person(order.volunteerId),
  team: (order: StationOrderRow, _: unknown, ctx: NeighbourStationsContext) => (order.teamId ? ctx.loaders.team.load(order.teamId) : null),
  history: (order: StationOrderRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.orderSteps.load(order.id),
};

export const StationOrderStep = {
  by: (step: StationOrderStepRow) => person(step.actorId),
};
