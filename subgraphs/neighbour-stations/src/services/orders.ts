import { badUserInput, notFound, notify, type Write } from '@civic/shared';
import { orderDispatchedNotice } from '../domain/notices';
import { isStationStaff } from '../domain/access';
import { decideTransition, OrderAction, TransitionInput } from '../domain/orderFlow';
import type { HelpKind } from '../domain/vocabulary';
import { orderStepRule } from '../domain/writeRules';
import { orderRepository, StationOrderRow } from '../repositories/orders';
import { teamRepository } from '../repositories/teams';
import { refusal } from './errors';
import { stationInScope } from './scope';
import { refuseClosed } from './stations';

export interface PlaceArgs {
  stationId: string;
  help: HelpKind;
  note: string | null;
}

/**
 * 群众点单: a signed-in resident places an order; in parallel mode it goes to the
 * team for its help. Retries are kept apart by the write path's key store, so the
 * order's own key column stays empty.
 */
export async function placeOrder(w: Write, args: PlaceArgs): Promise<StationOrderRow> {
  const orders = orderRepository(w.tx);
  const { station } = await stationInScope(w.tx, args.stationId);
  refuseClosed(station, 'takes no orders');
  if (!station.helps.includes(args.help)) throw badUserInput('the station does not offer this help', { argument: 'help' });
  const team = station.mode === 'PARALLEL' ? await teamRepository(w.tx).serving(station.id, args.help) : null;
  const placed = (await orders.insert({
    ...args,
    idempotencyKey: null,
    regionCode: station.regionCode,
    residentId: w.actor,
    teamId: team?.id ?? null,
  })) as StationOrderRow;
  await orders.addStep(placed.id, 'PLACED', w.actor);
  return placed;
}

/** One step of the serial flow, with the order row locked: who may take it, then state, then the change and its record. */
export async function transitionOrder(w: Write, id: string, action: OrderAction, input: TransitionInput = {}): Promise<StationOrderRow> {
  const orders = orderRepository(w.tx);
  const order = await orders.lock(id);
  if (!order) throw notFound('no order with this id');
  const { station, scope } = await stationInScope(w.tx, order.stationId);
  const isStaff = isStationStaff(w.identity, scope);
  w.require(orderStepRule, { action, order, isStaff });
  const decision = decideTransition(action, order, w.identity, isStaff, input);
  if (decision.kind === 'already') return order;
  if (decision.kind === 'refuse') throw refusal(decision);
  if (action === 'DISPATCH' && order.teamId && !(await teamRepository(w.tx).isMember(order.teamId, input.volunteerId as string))) {
    throw badUserInput("the volunteer is not in the team serving this order's help", { argument: 'volunteerId' });
  }
  const changed = await orders.update(order.id, decision);
  await orders.addStep(order.id, decision.status, w.actor);
  if (action === 'DISPATCH') await notify(w.tx, 'neighbour_stations', [orderDispatchedNotice(changed, station.name, input.volunteerId as string)]);
  return changed;
}
