import { badUserInput, coversRegion, forbidden, hasRole, isPartnerName, unauthenticated, writeRule, type Identity } from '@civic/shared';

/** A partner's webhook as its registration names it: whose, and for which region. */
export interface WebhookFacts {
  partner: string;
  regionCode: string;
}

/**
 * Registering a webhook: a city administrator for any partner, or a PARTNER for its
 * own partner (the token's `partner` claim) within its own region.
 */
export const partnerOrCityAdmin = writeRule<WebhookFacts>(
  'partnerOrCityAdmin',
  ({ partner, regionCode }) => `a webhook of ${partner} for ${regionCode} is registered by that partner within its region, or by a city administrator`,
  (identity, { partner, regionCode }) =>
    hasRole(identity, 'CITY_ADMIN') || (hasRole(identity, 'PARTNER') && identity.partner === partner && coversRegion(identity, regionCode)),
);

/** Whose webhook a registration is for: a PARTNER's own unless it names another (refused by the rule); a city administrator names it. */
export function registeringPartner(identity: Identity, named: string | null): string {
  if (named) return named;
  if (hasRole(identity, 'PARTNER') && identity.partner) return identity.partner;
  throw badUserInput('partner: name the partner whose webhook this is', { argument: 'partner' });
}

/**
 * Whose webhooks a caller may read or replay: a city administrator every partner's
 * (null) or the one it names, a PARTNER its own only; FORBIDDEN for anyone else.
 */
export function readablePartner(identity: Identity, named: string | null): string | null {
  if (!identity.sub) throw unauthenticated('sign in to see webhooks');
  if (hasRole(identity, 'CITY_ADMIN')) return named;
  if (hasRole(identity, 'PARTNER') && identity.partner) {
    if (named && named !== identity.partner) throw forbidden(`a partner sees its own webhooks only, not ${named}'s`);
    return identity.partner;
  }
  throw forbidden('webhooks are seen by their partner and by a city administrator');
}

/** A `partner` argument: a partner's name (its subgraph's, `elder-canteens`), or none; BAD_USER_INPUT otherwise. */
export function parsePartnerName(value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  if (!isPartnerName(value)) throw badUserInput('partner: a partner subgraph name such as elder-canteens', { argument: 'partner' });
  return value;
}
