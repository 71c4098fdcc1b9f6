import { coversRegion, hasRole, Identity } from '@civic/shared';

/** What access to a station depends on: its community and who manages it. */
export interface StationScope {
  regionCode: string;
  managerIds: readonly string[];
}

/**
 * Station staff (issue 7): a STATION_MANAGER listed for this station, a
 * DISTRICT_OFFICER whose region covers the station's, or a CITY_ADMIN.
 */
export function isStationStaff(identity: Identity, station: StationScope): boolean {
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  if (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, station.regionCode)) return true;
  return managesStation(identity, station.managerIds);
}

/**
 * A STATION_MANAGER listed among the station's managers. Person ids are UUIDs,
 * compared without regard to case as PostgreSQL does.
 */
export function managesStation(identity: Identity, managerIds: readonly string[]): boolean {
  const sub = identity.sub?.toLowerCase();
  return hasRole(identity, 'STATION_MANAGER') && sub !== undefined && managerIds.some((id) => id.toLowerCase() === sub);
}

export const isAuthenticated = (identity: Identity) => identity.sub !== null;
