import { coversRegion, hasRole, type Identity } from '@civic/shared';
import { elderSide, type ElderFacts } from './requestFlow';
import { toCents } from './timeBank';
import type { ActingAs, HoursStatus, ServiceRequestStatus } from './vocabulary';

/**
 * A completed request's hours before they count (issue 13.4; Galaxy Digital's
 * pending / approved / declined, the Nanjing time bank's two-level review):
 *
 *   PENDING ─ the elder's side rates or confirms, a station manager or officer of the region approves,
 *           │ or the programme deposits them 7 days after completion ──────────────────────────────→ DEPOSITED
 *           ├ the elder's side disputes ─→ DISPUTED ─ the district officer approves or changes them ─→ DEPOSITED
 *           │                                        └ or rejects them ───────────────────────────────→ REJECTED
 *           └ the district officer rejects them ─────────────────────────────────────────────────────→ REJECTED
 *
 * The first level (confirming, approving pending hours) is the elder's side and
 * the station; a dispute goes up to the second, the district's officers (and city
 * administrators). The volunteer never reviews their own hours. Pure.
 */
export type HoursAction = 'CONFIRM' | 'DISPUTE' | 'APPROVE' | 'CHANGE' | 'REJECT' | 'AUTO';

export const HOURS_FLOW: Record<HoursAction, { from: HoursStatus[]; to: HoursStatus }> = {
  CONFIRM: { from: ['PENDING'], to: 'DEPOSITED' },
  AUTO: { from: ['PENDING'], to: 'DEPOSITED' },
  DISPUTE: { from: ['PENDING'], to: 'DISPUTED' },
  APPROVE: { from: ['PENDING', 'DISPUTED'], to: 'DEPOSITED' },
  CHANGE: { from: ['DISPUTED'], to: 'DEPOSITED' },
  REJECT: { from: ['PENDING', 'DISPUTED'], to: 'REJECTED' },
};

export interface HoursFacts {
  status: ServiceRequestStatus;
  hoursStatus: HoursStatus | null;
  hours: number | null;
  volunteerId: string | null;
}

export type HoursDecision =
  | { kind: 'apply'; hoursStatus: HoursStatus; actingAs: ActingAs }
  | { kind: 'already' }
  | { kind: 'refuse'; code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT'; message: string };

/** The district's second level: an officer whose region covers the request's, or a city administrator. */
function districtOfficer(identity: Identity, regionCode: string): ActingAs | null {
  if (hasRole(identity, 'CITY_ADMIN')) return 'OFFICER';
  return hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, regionCode) ? 'OFFICER' : null;
}

/** In which capacity the caller may take this review step, or null. */
export function reviewer(action: HoursAction, request: HoursFacts, elder: ElderFacts, identity: Identity): ActingAs | null {
  if (action === 'AUTO') return 'PROGRAMME';
  if (identity.sub && identity.sub === request.volunteerId) return null;
  if (action === 'CONFIRM' || action === 'DISPUTE') return elderSide(identity, elder);
  const officer = districtOfficer(identity, elder.regionCode);
  if (officer || action !== 'APPROVE' || request.hoursStatus === 'DISPUTED') return officer;
  return hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, elder.regionCode) ? 'STATION_WORKER' : null;
}

const WHO: Record<HoursAction, string> = {
  CONFIRM: "the elder's side",
  DISPUTE: "the elder's side",
  APPROVE: 'a station manager or officer of the region (a disputed request: its district officer), never the volunteer',
  CHANGE: "the district officer of the request's region",
  REJECT: "the district officer of the request's region",
  AUTO: 'the programme',
};

/** Why a caller who may not take the step is refused. */
export const reviewRefusal = (action: HoursAction) => `reviewing these hours is for ${WHO[action]}`;

/** The caller first, then the state; a repeat of the step that took effect is answered, not refused. */
export function decideHours(action: HoursAction, request: HoursFacts, elder: ElderFacts, identity: Identity, input: { hours?: number } = {}): HoursDecision {
  if (action !== 'AUTO' && !identity.sub) return { kind: 'refuse', code: 'UNAUTHENTICATED', message: 'sign in to review service hours' };
  const actingAs = reviewer(action, request, elder, identity);
  if (!actingAs) return { kind: 'refuse', code: 'FORBIDDEN', message: reviewRefusal(action) };
  const step = HOURS_FLOW[action];
  const sameHours = input.hours === undefined || (request.hours !== null && toCents(request.hours) === toCents(input.hours));
  if (request.hoursStatus === step.to && action !== 'CONFIRM' && action !== 'AUTO' && sameHours) return { kind: 'already' };
  if (!request.hoursStatus || !step.from.includes(request.hoursStatus)) {
    const state = request.hoursStatus ? `hours that are ${request.hoursStatus}` : `a request that is ${request.status}`;
    return { kind: 'refuse', code: 'CONFLICT', message: `${action.toLowerCase()} cannot apply to ${state}` };
  }
  return { kind: 'apply', hoursStatus: step.to, actingAs };
}
