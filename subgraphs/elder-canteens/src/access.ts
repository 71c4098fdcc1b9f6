import { coversRegion, forbidden, hasRole, Identity, unauthenticated } from '@civic/shared';

/**
 * Canteen staff for a community: a city admin, or a district officer or partner
 * whose region covers it. Other partners' data is out of reach: a PARTNER token
 * acts only in its own region.
 */
export function isCanteenStaff(identity: Identity, regionCode: string): boolean {
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'PARTNER') && coversRegion(identity, regionCode);
}

export function assertCanteenStaff(identity: Identity, regionCode: string): void {
  if (!identity.sub) throw unauthenticated('sign in to manage a canteen');
  if (!isCanteenStaff(identity, regionCode)) throw forbidden("your role does not cover this canteen's community");
}

/** Who may see which elder eats where and what it cost: staff, and station managers of the region. */
export function mayReadDiner(identity: Identity, regionCode: string): boolean {
  return isCanteenStaff(identity, regionCode) || (hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, regionCode));
}
