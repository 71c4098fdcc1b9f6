import { SignJWT } from 'jose';
import type { Role } from '@civic/shared';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  region?: string;
  /** a jose time span ("8h") or an absolute epoch second */
  expiresAt?: string | number;
}

/** An HS256 token as the gateway accepts it: for `npm run token` and the tests. */
export function signToken(claims: TokenClaims, secret: string): Promise<string> {
  return new SignJWT({ roles: claims.roles, ...(claims.region ? { region: claims.region } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresAt ?? '8h')
    .sign(new TextEncoder().encode(secret));
}
