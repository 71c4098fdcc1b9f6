import { coversRegion, hasRole, type Identity } from '@civic/shared';
import { withinReach } from './access';
import type { ActingAs, HoursStatus, ServiceMode, ServiceRequestStatus } from './vocabulary';

/**
 * A service request's lifecycle: OPEN → CLAIMED → COMPLETED → RATED, and CANCELLED
 * from OPEN or CLAIMED. Each action names the states it starts from, the state it
 * leads to and which side may take it. Pure, so it is tested without a database.
 */
export type RequestAction = 'CLAIM' | 'COMPLETE' | 'RATE' | 'CANCEL';
type Side = 'ELDER_SIDE' | 'SERVER' | 'CLAIMER';

export const REQUEST_FLOW: Record<RequestAction, { from: ServiceRequestStatus[]; to: ServiceRequestStatus; by: Side }> = {
  CLAIM: { from: ['OPEN'], to: 'CLAIMED', by: 'CLAIMER' },
  COMPLETE: { from: ['CLAIMED'], to: 'COMPLETED', by: 'SERVER' },
  RATE: { from: ['COMPLETED'], to: 'RATED', by: 'ELDER_SIDE' },
  CANCEL: { from: ['OPEN', 'CLAIMED'], to: 'CANCELLED', by: 'ELDER_SIDE' },
};

/** The elder, the people recorded as their family, and the officials of their region. */
export interface ElderFacts {
  personId: string;
  regionCode: string;
  carerIds: readonly string[];
  /** the recorded emergency contact, family or a neighbour close to the elder */
  contactId: string | null;
}

export interface RequestFacts {
  status: ServiceRequestStatus;
  mode: ServiceMode;
  volunteerId: string | null;
  /** whoever placed the request */
  requestedBy: string | null;
  hours: number | null;
  hoursStatus: HoursStatus | null;
  rating: number | null;
  /** the request's community, for the volunteer's reach */
  regionCode: string;
  /** members of the resident group a MUTUAL_AID_GROUP request went to */
  teamMemberIds: readonly string[];
}

export type Decision =
  | { kind: 'apply'; status: ServiceRequestStatus; actingAs: ActingAs }
  | { kind: 'already' }
  | { kind: 'refuse'; code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string };

/**
 * Who may place, rate or cancel for an elder, and in which capacity: the elder, a
 * recorded family member, a station manager or officer whose region covers the
 * elder's, or a city administrator. Null for anyone else.
 */
export function elderSide(identity: Identity, elder: ElderFacts): ActingAs | null {
  if (identity.sub && identity.sub === elder.personId) return 'ELDER';
  if (identity.sub && elder.carerIds.includes(identity.sub)) return 'FAMILY_MEMBER';
  if (hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, elder.regionCode)) return 'STATION_WORKER';
  if (hasRole(identity, 'CITY_ADMIN')) return 'OFFICER';
  if (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, elder.regionCode)) return 'OFFICER';
  return null;
}

/**
 * No self-dealing (issue 13.5): whoever is on the elder's side of a request never
 * serves it, or they could place, claim and complete it alone and mint hours. That
 * is the elder, whoever placed it, a recorded carer and the emergency contact.
 */
export function isElderSideOf(personId: string, request: Pick<RequestFacts, 'requestedBy'>, elder: ElderFacts): boolean {
  return personId === elder.personId || personId === request.requestedBy || personId === elder.contactId || elder.carerIds.includes(personId);
}

function serverSide(identity: Identity, request: RequestFacts, action: RequestAction): ActingAs | null {
  const sub = identity.sub;
  if (!sub) return null;
  const capacity: ActingAs = request.mode === 'MUTUAL_AID_GROUP' ? 'GROUP_MEMBER' : 'VOLUNTEER';
  if (action === 'COMPLETE') return sub === request.volunteerId ? capacity : null;
  // A resident group serves its own community; a volunteer serves within reach of home.
  if (request.mode === 'MUTUAL_AID_GROUP') return request.teamMemberIds.includes(sub) ? capacity : null;
  return hasRole(identity, 'VOLUNTEER') && withinReach(identity, request.regionCode) ? capacity : null;
}

export interface TransitionInput {
  hours?: number;
  rating?: number;
}

/** A retry of a step that already took effect is answered with the request, not an error. */
function alreadyDone(action: RequestAction, request: RequestFacts, identity: Identity, input: TransitionInput): boolean | 'different' {
  if (action === 'CLAIM') return request.status !== 'OPEN' && request.volunteerId === identity.sub && request.status === 'CLAIMED';
  if (action === 'COMPLETE') {
    if (request.status !== 'COMPLETED' && request.status !== 'RATED') return false;
    return request.hours === input.hours ? true : 'different';
  }
  if (action === 'RATE') return request.status === 'RATED' ? (request.rating === input.rating ? true : 'different') : false;
  return request.status === 'CANCELLED';
}

/** In which capacity the caller may take this step, or null: the side the lifecycle names for it. */
export function stepActor(action: RequestAction, request: RequestFacts, elder: ElderFacts, identity: Identity): ActingAs | null {
  const isVolunteer = identity.sub !== null && identity.sub === request.volunteerId;
  if (REQUEST_FLOW[action].by === 'ELDER_SIDE') return isVolunteer && action === 'RATE' ? null : elderSide(identity, elder);
  if (action === 'CLAIM' && identity.sub && isElderSideOf(identity.sub, request, elder)) return null;
  return identity.sub === elder.personId ? null : serverSide(identity, request, action);
}

/** Why a caller who is not on the step's side is refused. */
export function stepRefusal(action: RequestAction): string {
  const by = REQUEST_FLOW[action].by;
  const who =
    by === 'ELDER_SIDE'
      ? "the elder's side"
      : action === 'COMPLETE'
        ? 'the volunteer who claimed it'
        : 'a volunteer of its street or town, or the group it went to';
  return `${action.toLowerCase()} is for ${who}`;
}

/** The caller is checked before the state, so a stranger learns nothing of the request. */
export function decideTransition(action: RequestAction, request: RequestFacts, elder: ElderFacts, identity: Identity, input: TransitionInput = {}): Decision {
  if (!identity.sub && identity.roles.length === 0) {
    return { kind: 'refuse', code: 'UNAUTHENTICATED', message: 'sign in to change a service request' };
  }
  const step = REQUEST_FLOW[action];
  const actingAs = stepActor(action, request, elder, identity);
  if (!actingAs) return { kind: 'refuse', code: 'FORBIDDEN', message: stepRefusal(action) };
  const done = alreadyDone(action, request, identity, input);
  if (done === true) return { kind: 'already' };
  if (done === 'different' || !step.from.includes(request.status)) {
    return { kind: 'refuse', code: 'CONFLICT', message: `a request that is ${request.status} cannot be ${step.to.toLowerCase()}` };
  }
  return { kind: 'apply', status: step.to, actingAs };
}
