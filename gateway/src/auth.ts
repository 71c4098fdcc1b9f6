import { jwtVerify, type JWTPayload } from 'jose';
import { ANONYMOUS, Identity, isRegionCode, isRole, unauthenticated } from '@civic/shared';

/**
 * Verifies the caller's JWT (HS256 with CIVIC_JWT_SECRET) and turns its claims
 * into an Identity. No Authorization header is an anonymous caller; a bad,
 * expired or malformed token is UNAUTHENTICATED, never silently anonymous.
 */
export function createAuthenticator(secret: string) {
  const key = new TextEncoder().encode(secret);
  return async function authenticate(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticated(expired ? 'the token has expired' : 'the token is not valid');
    }
    return identityFromClaims(payload);
  };
}

export function identityFromClaims(payload: JWTPayload): Identity {
  const { sub, roles, region } = payload as JWTPayload & { roles?: unknown; region?: unknown };
  if (typeof sub !== 'string' || !sub) throw unauthenticated('the token has no subject');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticated('the token has no valid roles claim');
  }
  if (region !== undefined && (typeof region !== 'string' || !isRegionCode(region))) {
    throw unauthenticated('the token region claim is not a region code');
  }
  return { sub, roles, region: (region as string | undefined) ?? null };
}
