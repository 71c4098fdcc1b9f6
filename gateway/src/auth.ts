import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, Identity, isRegionCode, isRole, unauthenticatedRequest } from '@civic/shared';

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * Verifies the caller's JWT and turns its claims into an Identity: HS256 with
 * CIVIC_JWT_SECRET (development tokens), and with CIVIC_JWKS_URL set, tokens
 * signed by the identity provider's published keys (production). No Authorization
 * header is an anonymous caller; a bad, expired or malformed token is
 * UNAUTHENTICATED, never silently anonymous.
 */
export function createAuthenticator(secret: string, jwksUrl?: string) {
  const hmacKey = new TextEncoder().encode(secret);
  // jose caches the key set and refetches it when a token names an unknown key id.
  const jwks = jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null;
  const key: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256') return hmacKey;
    if (jwks) return jwks(header, token);
    throw new Error('no key for this algorithm');
  };
  const algorithms = jwks ? ['HS256', ...ASYMMETRIC] : ['HS256'];
  return async function authenticate(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticatedRequest('Authorization must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], key, { algorithms, requiredClaims: ['sub', 'exp'] }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw unauthenticatedRequest(expired ? 'the token has expired' : 'the token is not valid');
    }
    return identityFromClaims(payload);
  };
}

export function identityFromClaims(payload: JWTPayload): Identity {
  const { sub, roles, region } = payload as JWTPayload & { roles?: unknown; region?: unknown };
  if (typeof sub !== 'string' || !sub) throw unauthenticatedRequest('the token has no subject');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticatedRequest('the token has no valid roles claim');
  }
  if (region !== undefined && (typeof region !== 'string' || !isRegionCode(region))) {
    throw unauthenticatedRequest('the token region claim is not a region code');
  }
  return { sub, roles, region: (region as string | undefined) ?? null };
}
