import { SignJWT } from 'jose';
import { isRegionCode, isRole, ROLES, type Role } from '@civic/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Who a development token speaks for when no person is named. */
export const DEVELOPMENT_SUB = '00000000-0000-4000-8000-000000000001';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  region?: string;
  /** the partner subgraph a PARTNER acts for (its name, e.g. `elder-canteens`) */
  partner?: string;
  /** a jose time span ("8h") or an absolute epoch second */
  expiresAt?: string | number;
  /** `iss` and `aud`, for a gateway that checks them (CIVIC_JWT_ISSUER, CIVIC_JWT_AUDIENCE) */
  issuer?: string;
  audience?: string;
}

/** An HS256 token as the gateway accepts it: for `npm run token` and the tests. */
export function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const token = new SignJWT({
    roles: claims.roles,
    ...(claims.region ? { region: claims.region } : {}),
    ...(claims.partner ? { partner: claims.partner } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresAt ?? '8h');
  if (claims.issuer) token.setIssuer(claims.issuer);
  if (claims.audience) token.setAudience(claims.audience);
  return token.sign(new TextEncoder().encode(secret));
}

/**
 * A development token's claims from what a person asked for (`npm run token`'s
 * options, the playground's picker), checked as the gateway would check the
 * token, so a mistake is named here rather than refused later. Throws an Error
 * saying which input to fix.
 */
export function developmentClaims(input: { roles: unknown; region?: unknown; partner?: unknown; sub?: unknown }): TokenClaims {
  const roles = Array.isArray(input.roles) ? input.roles : [];
  if (roles.length === 0 || !roles.every(isRole)) throw new Error(`role must be one of ${ROLES.join(', ')} (one or more)`);
  const region = input.region === undefined || input.region === '' ? undefined : input.region;
  if (region !== undefined && !(typeof region === 'string' && isRegionCode(region))) {
    throw new Error('region must be a region code of 2, 4, 6, 9 or 12 digits, e.g. 350105');
  }
  const partner = input.partner === undefined || input.partner === '' ? undefined : input.partner;
  const isPartner = roles.includes('PARTNER');
  if (isPartner && typeof partner !== 'string') throw new Error('partner must name the partner subgraph of a PARTNER, e.g. elder-canteens');
  if (!isPartner && partner !== undefined) throw new Error('partner is for the PARTNER role only');
  const sub = input.sub === undefined || input.sub === '' ? DEVELOPMENT_SUB : input.sub;
  if (!(typeof sub === 'string' && UUID.test(sub.toLowerCase()))) throw new Error('sub must be a person id (a UUID)');
  return { sub: sub.toLowerCase(), roles, region, partner: partner as string | undefined };
}
