import { coversRegion, forbidden, hasRole, type Identity } from '@civic/shared';
import type { ElderFacts } from './requestFlow';
import type { ServiceMode, ServiceRequestStatus } from './vocabulary';

/** Anonymous callers see statistics only: no elders, requests or ledgers. */
export function assertSignedIn(identity: Identity): void {
  if (identity.roles.length === 0) throw forbidden('elder-care records are visible to signed-in callers only');
}

/** Readers of whole regions: city administrators and analysts everywhere, officers, station managers and volunteers in their region. */
export function mayReadRegion(identity: Identity, regionCode: string): boolean {
  if (hasRole(identity, 'CITY_ADMIN', 'ANALYST')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER', 'VOLUNTEER') && coversRegion(identity, regionCode);
}

/**
 * The region a list may cover: the one asked for if the caller may read it, else
 * FORBIDDEN; with none asked, the caller's own region (everything for city
 * administrators and analysts).
 */
export function listRegion(identity: Identity, asked: string | null): string | null {
  assertSignedIn(identity);
  const wide = hasRole(identity, 'CITY_ADMIN', 'ANALYST');
  const region = asked ?? (wide ? null : identity.region);
  if (region === null ? wide : mayReadRegion(identity, region)) return region;
  throw forbidden('the caller may not list elder-care records of this region');
}

export function mayReadElder(identity: Identity, elder: ElderFacts): boolean {
  if (identity.sub && (identity.sub === elder.personId || elder.carerIds.includes(identity.sub))) return true;
  return mayReadRegion(identity, elder.regionCode);
}

export interface RequestReadFacts {
  status: ServiceRequestStatus;
  mode: ServiceMode;
  volunteerId: string | null;
  teamMemberIds: readonly string[];
}

/** Besides the elder's readers: its volunteer, its group, and any volunteer while it is open to claim. */
export function mayReadRequest(identity: Identity, request: RequestReadFacts, elder: ElderFacts): boolean {
  if (mayReadElder(identity, elder)) return true;
  const sub = identity.sub;
  if (sub && (sub === request.volunteerId || request.teamMemberIds.includes(sub))) return true;
  return hasRole(identity, 'VOLUNTEER') && request.status === 'OPEN' && request.mode === 'VOLUNTEER_CLAIM';
}

/** A time bank account: its holder, city administrators, and officers of the region it was opened in. */
export function mayReadAccount(identity: Identity, account: { personId: string | null; regionCode: string | null }): boolean {
  if (identity.sub && identity.sub === account.personId) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, account.regionCode);
}

/** A community's donation pool: read by whoever may read the region; granted from by its officers. */
export function mayGrantFromPool(identity: Identity, regionCode: string): boolean {
  return hasRole(identity, 'CITY_ADMIN') || (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, regionCode));
}

/**
 * An elder's care details (the note, the emergency contact, the family carers) are
 * personal data, shown as the directory shows phones: whole to the elder, their
 * family, city administrators and the officers and station managers of the elder's
 * region; analysts, volunteers and partners see them withheld.
 */
export function mayReadCareDetails(identity: Identity, elder: ElderFacts): boolean {
  if (identity.sub && (identity.sub === elder.personId || elder.carerIds.includes(identity.sub))) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, elder.regionCode);
}
