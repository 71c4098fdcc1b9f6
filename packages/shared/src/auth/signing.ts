import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, Identity, isRole } from './identity';
import { isUuid } from '../ids';

/**
 * Gateway → subgraph request signing. The gateway signs the verified identity (all
 * of it: sub, roles, region and partner) and the exact request body with a secret
 * it shares with that one subgraph; a subgraph refuses anything unsigned, so
 * neither `_entities` nor a forged identity header can reach its data around the
 * gateway. Every call also carries a fresh request id inside the signed string:
 * the subgraph accepts each id once (see replayGuard.ts), so a captured call
 * cannot be sent again, and the timestamp bounds how long it must remember ids.
 */
export const IDENTITY_HEADER = 'x-civic-identity';
export const TIMESTAMP_HEADER = 'x-civic-timestamp';
export const REQUEST_ID_HEADER = 'x-civic-request-id';
export const SIGNATURE_HEADER = 'x-civic-signature';

/** How far a signature's timestamp may be from the subgraph's clock, either way. */
export const MAX_SIGNATURE_AGE_MS = 60_000;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Each subgraph gets its own secret, so one leaked secret opens one subgraph only. */
export function subgraphSecret(masterSecret: string, subgraph: string): string {
  return createHmac('sha256', masterSecret).update(`subgraph:${subgraph}`).digest('base64url');
}

function signature(secret: string, timestamp: string, requestId: string, identity: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${timestamp}.${requestId}.${identity}.${bodyHash}`).digest('base64url');
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function signRequest(secret: string, identity: Identity, body: string, now = Date.now(), requestId = randomUUID()): Record<string, string> {
  return signEncodedRequest(secret, encodeIdentity(identity), body, now, requestId);
}

/**
 * Signs an identity already encoded into its header (the gateway encodes it once per
 * request), with a new request id for each call: a retried call is a new call.
 */
export function signEncodedRequest(
  secret: string,
  encoded: string,
  body: string,
  now = Date.now(),
  requestId = randomUUID(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [IDENTITY_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [REQUEST_ID_HEADER]: requestId,
    [SIGNATURE_HEADER]: signature(secret, timestamp, requestId, encoded, body),
  };
}

export type Verification =
  | { ok: true; identity: Identity; requestId: string; signedAt: number }
  | { ok: false; reason: string };

/**
 * Checks a call's signature over its exact bytes, before anything parses them. A
 * valid signature still has to claim its request id (replayGuard.ts) to be served.
 */
export function verifyRequest(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer,
  now = Date.now(),
): Verification {
  const encoded = headers[IDENTITY_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  const requestId = headers[REQUEST_ID_HEADER];
  const given = headers[SIGNATURE_HEADER];
  if (typeof encoded !== 'string' || typeof timestamp !== 'string' || typeof requestId !== 'string' || typeof given !== 'string') {
    return { ok: false, reason: 'request is not signed by the gateway' };
  }
  const signedAt = Number(timestamp);
  const age = now - signedAt;
  if (!Number.isFinite(age) || Math.abs(age) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'request signature has expired' };
  }
  if (!REQUEST_ID.test(requestId)) return { ok: false, reason: 'request id is malformed' };
  const expected = Buffer.from(signature(secret, timestamp, requestId, encoded, body));
  const actual = Buffer.from(given);
  // Constant-time comparison: a timing difference must not reveal the signature.
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'request signature is invalid' };
  }
  const identity = decodeIdentity(encoded);
  return identity ? { ok: true, identity, requestId, signedAt } : { ok: false, reason: 'identity header is malformed' };
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
