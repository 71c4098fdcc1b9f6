import { SignJWT } from 'jose';
import type { Role } from '@civic/shared';

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
