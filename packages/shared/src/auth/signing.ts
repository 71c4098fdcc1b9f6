import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, Identity, isRole } from './identity';
import { isUuid } from '../ids';

/**
 * Gateway → subgraph request signing. The gateway signs the verified identity (all
 * of it: sub, roles, region and partner) and the exact request body with a secret
 * it shares with that one subgraph; a subgraph refuses anything unsigned, so
 * neither `_entities` nor a forged identity header can reach its data around the
 * gateway.
 */
export const IDENTITY_HEADER = 'x-civic-identity';
export const TIMESTAMP_HEADER = 'x-civic-timestamp';
export const SIGNATURE_HEADER = 'x-civic-signature';

/** How old a signature may be: bounds replay of a captured request. */
export const MAX_SIGNATURE_AGE_MS = 60_000;

/** Each subgraph gets its own secret, so one leaked secret opens one subgraph only. */
export function subgraphSecret(masterSecret: string, subgraph: string): string {
  return createHmac('sha256', masterSecret).update(`subgraph:${subgraph}`).digest('base64url');
}

function signature(secret: string, timestamp: string, identity: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${timestamp}.${identity}.${bodyHash}`).digest('base64url');
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function signRequest(secret: string, identity: Identity, body: string, now = Date.now()): Record<string, string> {
  return signEncodedRequest(secret, encodeIdentity(identity), body, now);
}

/** Signs an identity already encoded into its header (the gateway encodes it once per request). */
export function signEncodedRequest(secret: string, encoded: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  return {
    [IDENTITY_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: signature(secret, timestamp, encoded, body),
  };
}

export type Verification = { ok: true; identity: Identity } | { ok: false; reason: string };

export function verifyRequest(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
): Verification {
  const encoded = headers[IDENTITY_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  const given = headers[SIGNATURE_HEADER];
  if (typeof encoded !== 'string' || typeof timestamp !== 'string' || typeof given !== 'string') {
    return { ok: false, reason: 'request is not signed by the gateway' };
  }
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || Math.abs(age) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'request signature has expired' };
  }
  const expected = Buffer.from(signature(secret, timestamp, encoded, body));
  const actual = Buffer.from(given);
  // Constant-time comparison: a timing difference must not reveal the signature.
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'request signature is invalid' };
  }
  const identity = decodeIdentity(encoded);
  return identity ? { ok: true, identity } : { ok: false, reason: 'identity header is malformed' };
}

function decodeIdentity(encoded: string): Identity | null {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object') return null;
    const { sub, roles, region, partner = null } = value as Record<string, unknown>;
    // The gateway signs only a UUID subject; anything else is refused here too.
    if (sub !== null && !isUuid(sub)) return null;
    if (region !== null && typeof region !== 'string') return null;
    if (partner !== null && typeof partner !== 'string') return null;
    if (!Array.isArray(roles) || !roles.every(isRole)) return null;
    return roles.length === 0 && sub === null ? ANONYMOUS : { sub: sub === null ? null : sub.toLowerCase(), roles, region, partner };
  } catch {
    return null;
  }
}
