/** The roles of the graph, as carried in the JWT `roles` claim. */
export const ROLES = ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER', 'VOLUNTEER', 'ANALYST', 'PARTNER', 'CALL_DEVICE'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as verified by the gateway. `sub` is a Person id (for a
 * CALL_DEVICE, an elder's one-key call device, the device's id: elder-care
 * registers devices and lets one act only for its elder); `region` the
 * region code the caller is scoped to; `partner` the partner subgraph a PARTNER
 * acts for (its name, e.g. `elder-canteens`), null for every other role. An
 * anonymous caller has no sub and no roles.
 */
export interface Identity {
  sub: string | null;
  roles: Role[];
  region: string | null;
  /**
   * Always set on an identity the gateway signs. Optional in the type so that an
   * identity written by hand (in tests) for a role other than PARTNER may leave it
   * out: absent means null.
   */
  partner?: string | null;
  /**
   * Set only when one of the graph's own subgraphs asks the graph a question
   * (`queryGraph` with its credentials, verified by the gateway with that
   * subgraph's own secret): its name. Such a caller has no person and no role,
   * so it can write nothing; a field may answer it what it answers no client.
   */
  service?: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ sub: null, roles: [], region: null, partner: null }) as Identity;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

/** True when the caller's scope covers a region code (a city admin covers all). */
export function coversRegion(identity: Identity, regionCode: string | null | undefined): boolean {
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  if (!identity.region || !regionCode) return false;
  return regionCode.startsWith(identity.region);
}

/** A partner's name is its subgraph's name (`elder-canteens`), as in the subgraph registry and a PARTNER token's `partner` claim. */
export function isPartnerName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value);
}

/** True for a PARTNER acting for this partner subgraph: a partner's data is its own. */
export function isPartnerOf(identity: Identity, subgraph: string): boolean {
  return hasRole(identity, 'PARTNER') && identity.partner === subgraph;
}

/** True when the caller is one of the graph's own subgraphs, as the gateway verified. */
export const isGraphService = (identity: Identity): boolean => typeof identity.service === 'string' && identity.service.length > 0;
