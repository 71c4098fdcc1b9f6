import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ANONYMOUS, Identity, isPartnerName, isRegionCode, isRole, isUuid, unauthenticatedRequest } from '@civic/shared';

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * How far the issuer's clock may run ahead of or behind ours, in seconds: `exp`
 * and `nbf` are judged with it (by jose), and so is `iat`, which may not lie
 * further in the future than this.
 */
export const CLOCK_SKEW_SECONDS = 60;

export interface AuthenticatorOptions {
  /** HS256 secret of development tokens (`npm run token`) */
  secret: string;
  /** the identity provider's JSON Web Key Set (production tokens) */
  jwksUrl?: string;
  /** when set, a token's `iss` must be this */
  issuer?: string;
  /** when set, a token's `aud` must name this */
  audience?: string;
  /**
   * In production with a key set, the identity provider is the only source of
   * tokens: HS256 development tokens are refused, so a leaked or default
   * CIVIC_JWT_SECRET cannot mint a city admin.
   */
  production?: boolean;
}

/** Where tokens come from and what they must say: the gateway's, `npm start`'s and the tests' alike. */
export type TokenSettings = Omit<AuthenticatorOptions, 'production'>;

/**
 * Verifies the caller's JWT and turns its claims into an Identity: HS256 with
 * CIVIC_JWT_SECRET (development tokens), and with CIVIC_JWKS_URL set, tokens
 * signed by the identity provider's published keys (production). No Authorization
 * header is an anonymous caller; a bad, expired or malformed token is
 * UNAUTHENTICATED, never silently anonymous.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const hmacKey = new TextEncoder().encode(options.secret);
  // jose caches the key set and refetches it when a token names an unknown key id.
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  const acceptsHmac = !(jwks && options.production);
  const key: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && acceptsHmac) return hmacKey;
    if (jwks && header.alg !== 'HS256') return jwks(header, token);
    throw new Error('no key for this algorithm');
  };
  const algorithms = [...(acceptsHmac ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])];
  const verifyOptions = {
    algorithms,
    requiredClaims: ['sub', 'exp'],
    clockTolerance: CLOCK_SKEW_SECONDS,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };
  return async function authenticate(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticatedRequest('Authorization must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], key, verifyOptions));
    } catch (error) {
      throw unauthenticatedRequest(refusal(error as { code?: string; claim?: string }));
    }
    return identityFromClaims(payload);
  };
}

/** Says which check failed, never what the token held: enough for the caller to fix its client. */
function refusal(error: { code?: string; claim?: string }): string {
  if (error.code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && error.claim === 'nbf') return 'the token is not valid yet (nbf)';
  if (error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && error.claim === 'iss') return 'the token is not from the accepted issuer';
  if (error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && error.claim === 'aud') return 'the token is not meant for this graph (audience)';
  return 'the token is not valid';
}

/**
 * Every claim is checked here, at the door, so that nothing downstream meets an
 * identity it cannot use: a subject that is not a person id ("admin") would fail
 * deep in a subgraph's SQL as an internal error, and an upper-case UUID would
 * match some comparisons and not others.
 */
export function identityFromClaims(payload: JWTPayload, now = Date.now()): Identity {
  const { sub, roles, region, partner, iat } = payload as JWTPayload & { roles?: unknown; region?: unknown; partner?: unknown };
  if (typeof sub !== 'string' || !sub) throw unauthenticatedRequest('the token has no subject');
  if (!isUuid(sub)) throw unauthenticatedRequest('the token subject is not a person id (a UUID)');
  // jose checks iat only against a maximum token age, which the graph does not set.
  if (iat !== undefined && (typeof iat !== 'number' || iat > now / 1000 + CLOCK_SKEW_SECONDS)) {
    throw unauthenticatedRequest('the token is issued in the future (iat)');
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw unauthenticatedRequest('the token has no valid roles claim');
  }
  if (region !== undefined && (typeof region !== 'string' || !isRegionCode(region))) {
    throw unauthenticatedRequest('the token region claim is not a region code');
  }
  // A PARTNER acts for one partner's subgraph only, so its token must say which;
  // a partner claim on any other role would mean nothing and is refused as a mistake.
  const isPartner = roles.includes('PARTNER');
  if (partner !== undefined && (typeof partner !== 'string' || !isPartnerName(partner))) {
    throw unauthenticatedRequest('the token partner claim is not a subgraph name');
  }
  if (isPartner && partner === undefined) throw unauthenticatedRequest('a PARTNER token must name its partner (partner claim)');
  if (!isPartner && partner !== undefined) throw unauthenticatedRequest('only a PARTNER token may carry a partner claim');
  return {
    sub: sub.toLowerCase(),
    roles: [...new Set(roles)],
    region: (region as string | undefined) ?? null,
    partner: (partner as string | undefined) ?? null,
  };
}
