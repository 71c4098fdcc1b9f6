import type { Identity } from '@civic/shared';
import type { StationOrderStatus } from './vocabulary';

/**
 * 群众点单、驿站派单、志愿者接单、居民评单 (seed 001, 新民村): the serial order
 * flow. Each action names the states it starts from, the state it leads to and
 * who may take it. Pure, so it is tested without a database.
 */
export type OrderAction = 'DISPATCH' | 'ACCEPT' | 'COMPLETE' | 'RATE' | 'CANCEL';
type Actor = 'STAFF' | 'VOLUNTEER' | 'RESIDENT';

export const ORDER_FLOW: Record<OrderAction, { from: StationOrderStatus[]; to: StationOrderStatus; by: Actor[] }> = {
  DISPATCH: { from: ['PLACED'], to: 'DISPATCHED', by: ['STAFF'] },
  ACCEPT: { from: ['DISPATCHED'], to: 'ACCEPTED', by: ['VOLUNTEER'] },
  COMPLETE: { from: ['ACCEPTED'], to: 'COMPLETED', by: ['VOLUNTEER'] },
  RATE: { from: ['COMPLETED'], to: 'RATED', by: ['RESIDENT'] },
  CANCEL: { from: ['PLACED', 'DISPATCHED', 'ACCEPTED'], to: 'CANCELLED', by: ['RESIDENT', 'STAFF'] },
};

export interface OrderState {
  status: StationOrderStatus;
  residentId: string | null;
  volunteerId: string | null;
  rating: number | null;
}

export interface TransitionInput {
  /** DISPATCH: the volunteer; RATE: the rating */
  volunteerId?: string;
  rating?: number;
}

export type Decision =
  | { kind: 'apply'; status: StationOrderStatus; volunteerId: string | null; rating: number | null }
  | { kind: 'already' }
  | { kind: 'refuse'; code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string };

function actorsOf(identity: Identity, order: OrderState, isStaff: boolean): Set<Actor> {
  const actors = new Set<Actor>();
  if (isStaff) actors.add('STAFF');
  if (identity.sub && identity.sub === order.volunteerId) actors.add('VOLUNTEER');
  if (identity.sub && identity.sub === order.residentId) actors.add('RESIDENT');
  return actors;
}

/** A retried call that already took effect is answered with the order, not an error. */
function alreadyDone(action: OrderAction, order: OrderState, input: TransitionInput): boolean {
  if (order.status !== ORDER_FLOW[action].to) return false;
  if (action === 'DISPATCH') return order.volunteerId === input.volunteerId;
  if (action === 'RATE') return order.rating === input.rating;
  return true;
}

/** Whether the caller is one of those the flow names for the step: staff, the dispatched volunteer, the resident. */
export function mayTakeStep(action: OrderAction, order: OrderState, identity: Identity, isStaff: boolean): boolean {
  const actors = actorsOf(identity, order, isStaff);
  return ORDER_FLOW[action].by.some((actor) => actors.has(actor));
}

export const stepRefusal = (action: OrderAction) => `${action.toLowerCase()} is for the ${ORDER_FLOW[action].by.join(' or ').toLowerCase()}`;

/** The role is checked before the state, so a stranger learns nothing of the order's state. */
export function decideTransition(action: OrderAction, order: OrderState, identity: Identity, isStaff: boolean, input: TransitionInput = {}): Decision {
  if (!identity.sub && identity.roles.length === 0) {
    return { kind: 'refuse', code: 'UNAUTHENTICATED', message: 'sign in to change an order' };
  }
  const step = ORDER_FLOW[action];
  if (!mayTakeStep(action, order, identity, isStaff)) return { kind: 'refuse', code: 'FORBIDDEN', message: stepRefusal(action) };
  if (alreadyDone(action, order, input)) return { kind: 'already' };
  if (!step.from.includes(order.status)) {
    return { kind: 'refuse', code: 'CONFLICT', message: `an order that is ${order.status} cannot be ${step.to.toLowerCase()}` };
  }
  return {
    kind: 'apply',
    status: step.to,
    volunteerId: action === 'DISPATCH' ? (input.volunteerId ?? null) : order.volunteerId,
    rating: action === 'RATE' ? (input.rating ?? null) : order.rating,
  };
}
