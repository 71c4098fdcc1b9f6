import { coversRegion, forbidden, hasRole, Identity, isPartnerOf, unauthenticated } from '@civic/shared';

/** This subgraph's name in the registry, which a partner's token names in its `partner` claim. */
export const PARTNER_NAME = 'elder-canteens';

/**
 * Canteen staff for a community: a city admin, a district officer whose region
 * covers it, or the canteens' own partner whose region covers it. A PARTNER token
 * of another partner (another subgraph's operator) has no business here, whatever
 * its region: "PARTNER: its own subgraph's data".
 */
export function isCanteenStaff(identity: Identity, regionCode: string): boolean {
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  const mayAct = hasRole(identity, 'DISTRICT_OFFICER') || isPartnerOf(identity, PARTNER_NAME);
  return mayAct && coversRegion(identity, regionCode);
}

export function assertCanteenStaff(identity: Identity, regionCode: string): void {
  if (!identity.sub) throw unauthenticated('sign in to manage a canteen');
  if (!isCanteenStaff(identity, regionCode)) {
    throw forbidden(
      hasRole(identity, 'PARTNER') && !isPartnerOf(identity, PARTNER_NAME)
        ? 'your partner token is for another partner, not the elder canteens'
        : "your role does not cover this canteen's community",
    );
  }
}

/** Who may see which elder eats where and what it cost: staff, and station managers of the region. */
export function mayReadDiner(identity: Identity, regionCode: string): boolean {
  return isCanteenStaff(identity, regionCode) || (hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, regionCode));
}
