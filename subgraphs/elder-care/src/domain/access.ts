import { coversRegion, forbidden, hasRole, type Identity } from '@civic/shared';
import type { ElderFacts } from './requestFlow';
import type { ServiceMode, ServiceRequestStatus } from './vocabulary';

/** Anonymous callers see statistics only: no elders, requests or ledgers. */
export function assertSignedIn(identity: Identity): void {
  if (identity.roles.length === 0) throw forbidden('elder-care records are visible to signed-in callers only');
}

/**
 * Roles that read whole regions: city administrators and analysts everywhere,
 * officers and station managers in their region. Volunteers do not: they see their
 * worklist, their own claims and what they serve, never every elder of a region.
 */
export function readsRegions(identity: Identity): boolean {
  return hasRole(identity, 'CITY_ADMIN', 'ANALYST', 'DISTRICT_OFFICER', 'STATION_MANAGER');
}

export function mayReadRegion(identity: Identity, regionCode: string): boolean {
  if (hasRole(identity, 'CITY_ADMIN', 'ANALYST')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, regionCode);
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

/**
 * What a list of requests or teams may show: a region for the readers of regions;
 * for everyone else (volunteers, the elder's family) only the rows they take part
 * in, within the region asked for if any.
 */
export function listScope(identity: Identity, asked: string | null): { regionCode: string | null; involving: string | null } {
  assertSignedIn(identity);
  if (readsRegions(identity)) return { regionCode: listRegion(identity, asked), involving: null };
  if (!identity.sub) throw forbidden('the caller may not list elder-care records');
  return { regionCode: asked, involving: identity.sub };
}

/** Filtering elders by condition shows each one's health data: only for those who see conditions whole. */
export function mayFilterByCondition(identity: Identity): boolean {
  return hasRole(identity, 'CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER');
}

export function mayReadElder(identity: Identity, elder: ElderFacts): boolean {
  if (identity.sub && (identity.sub === elder.personId || elder.carerIds.includes(identity.sub))) return true;
  return mayReadRegion(identity, elder.regionCode);
}

/**
 * A volunteer's reach: the street or town (街道/乡镇, the first 9 digits) of their home
 * community, which their token's region names. 金厝边 is neighbours helping neighbours
 * on foot, and a street is the unit whose station organises them. A token scoped
 * coarser than a street (a district, a city) names no home, so it reaches nothing:
 * a Xiamen volunteer does not claim a Fuzhou request.
 */
export const neighbourhoodOf = (regionCode: string) => regionCode.slice(0, 9);

export function withinReach(identity: Identity, regionCode: string): boolean {
  return identity.region !== null && identity.region.length >= 9 && regionCode.startsWith(neighbourhoodOf(identity.region));
}

export interface RequestReadFacts {
  status: ServiceRequestStatus;
  mode: ServiceMode;
  regionCode: string;
  volunteerId: string | null;
  teamMemberIds: readonly string[];
}

/**
 * Besides the elder's readers: its volunteer, its group, and a volunteer of the
 * neighbourhood while it is open to claim (their worklist).
 */
export function mayReadRequest(identity: Identity, request: RequestReadFacts, elder: ElderFacts): boolean {
  if (mayReadElder(identity, elder)) return true;
  const sub = identity.sub;
  if (sub && (sub === request.volunteerId || request.teamMemberIds.includes(sub))) return true;
  return hasRole(identity, 'VOLUNTEER') && request.status === 'OPEN' && request.mode === 'VOLUNTEER_CLAIM' && withinReach(identity, request.regionCode);
}

/** A worklist near a community: for readers of the region, or volunteers of that neighbourhood. */
export function mayWorkNear(identity: Identity, regionCode: string): boolean {
  return mayReadRegion(identity, regionCode) || (hasRole(identity, 'VOLUNTEER') && withinReach(identity, regionCode));
}

/** A service team: readers of its region and its own members. */
export function mayReadTeam(identity: Identity, team: { regionCode: string }, memberIds: readonly string[]): boolean {
  return mayReadRegion(identity, team.regionCode) || (identity.sub !== null && memberIds.includes(identity.sub));
}

/** Who is in a team (person ids): city administrators, officers and station managers of its region, and its members; analysts see it withheld. */
export function mayReadTeamMembers(identity: Identity, team: { regionCode: string }, memberIds: readonly string[]): boolean {
  if (identity.sub && memberIds.includes(identity.sub)) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, team.regionCode);
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
 * An elder's care details (the conditions, the note, the emergency contact, the
 * family carers, the note on a request) are personal and health data, shown as the
 * directory shows phones: whole to the elder, their family, city administrators and
 * the officers and station managers of the elder's region; analysts, volunteers and
 * partners see them withheld.
 */
export function mayReadCareDetails(identity: Identity, elder: ElderFacts): boolean {
  if (identity.sub && (identity.sub === elder.personId || elder.carerIds.includes(identity.sub))) return true;
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, elder.regionCode);
}
