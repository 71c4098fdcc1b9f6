import { coversRegion, hasRole, type Identity } from '../auth/identity';

/**
 * Who sees a region's figures exact, small counts and all: city administrators,
 * and district officers and station managers whose region covers it. Everyone
 * else (anonymous callers, analysts, partners, volunteers, the graph's own
 * services) sees them under disclosure control (see rule.ts).
 */
export function seesExactFigures(identity: Identity, regionCode: string): boolean {
  if (hasRole(identity, 'CITY_ADMIN')) return true;
  return hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && coversRegion(identity, regionCode);
}
