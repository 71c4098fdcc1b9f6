import type { DataSource } from 'typeorm';
import { badUserInput, conflict, Identity, notFound, unauthenticated } from '@civic/shared';
import { isStationStaff } from '../domain/access';
import { decideTransition, OrderAction, TransitionInput } from '../domain/orderFlow';
import type { HelpKind } from '../domain/vocabulary';
import { orderRepository, StationOrderRow } from '../repositories/orders';
import { teamRepository } from '../repositories/teams';
import { refusal } from './errors';
import { stationInScope } from './scope';

export interface PlaceArgs {
  stationId: string;
  help: HelpKind;
  note: string | null;
  idempotencyKey: string | null;
}

/** 群众点单: a signed-in resident places an order; in parallel mode it goes to the team for its help. */
export async function placeOrder(db: DataSource, identity: Identity, args: PlaceArgs): Promise<StationOrderRow> {
  const residentId = identity.sub;
  if (!residentId) throw unauthenticated('sign in to place an order');
  return db.transaction(async (tx) => {
    const orders = orderRepository(tx);
    if (args.idempotencyKey) {
      const earlier = await orders.byIdempotencyKey(residentId, args.idempotencyKey);
      if (earlier) return earlier;
    }
    const { station } = await stationInScope(tx, args.stationId);
    if (station.status !== 'OPEN') throw conflict('the station is closed');
    if (!station.helps.includes(args.help)) throw badUserInput('the station does not offer this help', { argument: 'help' });
    const team = station.mode === 'PARALLEL' ? await teamRepository(tx).serving(station.id, args.help) : null;
    const placed = await orders.insert({ ...args, regionCode: station.regionCode, residentId, teamId: team?.id ?? null });
    // A concurrent retry with the same key won the insert: answer with its order.
    if (!placed) return (await orders.byIdempotencyKey(residentId, args.idempotencyKey as string)) as StationOrderRow;
    await orders.addStep(placed.id, 'PLACED', residentId);
    return placed;
  });
}

/** One step of the serial flow, with the order row locked: role, then state, then the change and its record. */
export async function transitionOrder(
  db: DataSource,
  identity: Identity,
  id: string,
  action: OrderAction,
  input: TransitionInput = {},
): Promise<StationOrderRow> {
  return db.transaction(async (tx) => {
    const orders = orderRepository(tx);
    const order = await orders.lock(id);
    if (!order) throw notFound('no order with this id');
    const { scope } = await stationInScope(tx, order.stationId);
    const decision = decideTransition(action, order, identity, isStationStaff(identity, scope), input);
    if (decision.kind === 'already') return order;
    if (decision.kind === 'refuse') throw refusal(decision);
    if (action === 'DISPATCH' && order.teamId && !(await teamRepository(tx).isMember(order.teamId, input.volunteerId as string))) {
      throw badUserInput("the volunteer is not in the team serving this order's help", { argument: 'volunteerId' });
    }
    const changed = await orders.update(order.id, decision);
    await orders.addStep(order.id, decision.status, identity.sub);
    return changed;
  });
}
