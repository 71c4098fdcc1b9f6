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

/**
 * Everyone whose figures are the same, as one word: `public` for all who see no
 * exact figures anywhere (anonymous callers, analysts, partners, volunteers,
 * officers without a region), `exact:*` for a city administrator, `exact:<region>`
 * for a district officer or station manager, who sees that region's figures (and
 * only those) exact. Two callers of one audience get the same statistics for the
 * same question, so a cached answer may be shared within an audience and never
 * across one (the gateway's response cache keys its entries by it; a subgraph
 * marks every answer to an audience other than `public` PRIVATE).
 */
export function disclosureAudience(identity: Identity): string {
  if (hasRole(identity, 'CITY_ADMIN')) return 'exact:*';
  if (hasRole(identity, 'DISTRICT_OFFICER', 'STATION_MANAGER') && identity.region) return `exact:${identity.region}`;
  return 'public';
}
