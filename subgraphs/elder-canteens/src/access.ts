import { coversRegion, hasRole, Identity, isPartnerOf, writeRule } from '@civic/shared';

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

/**
 * The rule of every canteen write, applied by the services with the canteen's (or
 * the current enrolment's) community: canteen staff for that community. The roles
 * (CITY_ADMIN, DISTRICT_OFFICER, this subgraph's own PARTNER) are declared with the
 * mutations; another partner's token is refused before anything is looked up.
 */
export const canteenStaffRule = writeRule<{ regionCode: string }>(
  'canteenStaff',
  (place) => `your role does not cover the canteen's community ${place.regionCode}`,
  (identity, place) => isCanteenStaff(identity, place.regionCode),
);

/** Who may see which elder eats where and what it cost: staff, and station managers of the region. */
export function mayReadDiner(identity: Identity, regionCode: string): boolean {
  return isCanteenStaff(identity, regionCode) || (hasRole(identity, 'STATION_MANAGER') && coversRegion(identity, regionCode));
}
