import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { ANONYMOUS, Identity, isRole } from './identity';
import { isUuid } from '../ids';
import { isOperationName, isRequestId, RequestTrace } from '../request/requestId';
import { isTraceparent } from '../tracing/tracing';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, TRACE_HEADER } from './signedHeaders';

/**
 * Gateway → subgraph request signing. The gateway signs the verified identity (all
 * of it: sub, roles, region and partner) and the exact request body with a secret
 * it shares with that one subgraph; a subgraph refuses anything unsigned, so
 * neither `_entities` nor a forged identity header can reach its data around the
 * gateway. Every call also carries a fresh request id inside the signed string:
 * the subgraph accepts each id once (see replayGuard.ts), so a captured call
 * cannot be sent again, and the timestamp bounds how long it must remember ids.
 * The client request's own id and operation name (request/requestId.ts) travel
 * signed too, in `x-civic-trace`: many calls share them, so they are not what the
 * replay guard claims. With tracing on, the call's W3C `traceparent` is in it as
 * well: inside the signature, so a subgraph parents its spans on what the gateway
 * sent and nothing else (tracing/sdk.ts), and a proxy rewriting `traceparent`
 * headers breaks no signature.
 */
export { IDENTITY_HEADER, REQUEST_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, TRACE_HEADER } from './signedHeaders';

/** How far a signature's timestamp may be from the subgraph's clock, either way. */
export const MAX_SIGNATURE_AGE_MS = 60_000;

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Each subgraph gets its own secret, so one leaked secret opens one subgraph only. */
export function subgraphSecret(masterSecret: string, subgraph: string): string {
  return createHmac('sha256', masterSecret).update(`subgraph:${subgraph}`).digest('base64url');
}

function signature(secret: string, timestamp: string, requestId: string, identity: string, trace: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return createHmac('sha256', secret).update(`${timestamp}.${requestId}.${identity}.${trace}.${bodyHash}`).digest('base64url');
}

export function encodeTrace(trace: RequestTrace): string {
  return Buffer.from(JSON.stringify(trace)).toString('base64url');
}

/** The signed trace, or null when absent; undefined when present but malformed. */
function decodeTrace(encoded: string): RequestTrace | null | undefined {
  if (encoded === '') return null;
  try {
    const { requestId, operation, traceparent } = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!isRequestId(requestId) || !(operation === null || isOperationName(operation))) return undefined;
    if (traceparent === undefined) return { requestId, operation };
    return isTraceparent(traceparent) ? { requestId, operation, traceparent } : undefined;
  } catch {
    return undefined;
  }
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function signRequest(
  secret: string,
  identity: Identity,
  body: string,
  now = Date.now(),
  requestId = randomUUID(),
  trace?: RequestTrace,
): Record<string, string> {
  return signEncodedRequest(secret, encodeIdentity(identity), body, now, requestId, trace ? encodeTrace(trace) : '');
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
  requestId: string = randomUUID(),
  /** the client request's encoded trace (encodeTrace), signed with the rest; '' for none */
  trace = '',
): Record<string, string> {
  const timestamp = String(now);
  return {
    [IDENTITY_HEADER]: encoded,
    [TIMESTAMP_HEADER]: timestamp,
    [REQUEST_ID_HEADER]: requestId,
    ...(trace ? { [TRACE_HEADER]: trace } : {}),
    [SIGNATURE_HEADER]: signature(secret, timestamp, requestId, encoded, trace, body),
  };
}

export type Verification = { ok: true; identity: Identity; requestId: string; signedAt: number; trace: RequestTrace | null } | { ok: false; reason: string };

/**
 * Checks a call's signature over its exact bytes, before anything parses them. A
 * valid signature still has to claim its request id (replayGuard.ts) to be served.
 */
export function verifyRequest(secret: string, headers: Record<string, string | string[] | undefined>, body: string | Buffer, now = Date.now()): Verification {
  const encoded = headers[IDENTITY_HEADER];
  const timestamp = headers[TIMESTAMP_HEADER];
  const requestId = headers[REQUEST_ID_HEADER];
  const given = headers[SIGNATURE_HEADER];
  const encodedTrace = headers[TRACE_HEADER] ?? '';
  if (
    typeof encoded !== 'string' ||
    typeof timestamp !== 'string' ||
    typeof requestId !== 'string' ||
    typeof given !== 'string' ||
    typeof encodedTrace !== 'string'
  ) {
    return { ok: false, reason: 'request is not signed by the gateway' };
  }
  const signedAt = Number(timestamp);
  const age = now - signedAt;
  if (!Number.isFinite(age) || Math.abs(age) > MAX_SIGNATURE_AGE_MS) {
    return { ok: false, reason: 'request signature has expired' };
  }
  if (!REQUEST_ID.test(requestId)) return { ok: false, reason: 'request id is malformed' };
  const expected = Buffer.from(signature(secret, timestamp, requestId, encoded, encodedTrace, body));
  const actual = Buffer.from(given);
  // Constant-time comparison: a timing difference must not reveal the signature.
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'request signature is invalid' };
  }
  const identity = decodeIdentity(encoded);
  if (!identity) return { ok: false, reason: 'identity header is malformed' };
  const trace = decodeTrace(encodedTrace);
  if (trace === undefined) return { ok: false, reason: 'trace header is malformed' };
  return { ok: true, identity, requestId, signedAt, trace };
}

/** A subgraph's name, as in the registry (`elder-care`). */
const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function decodeIdentity(encoded: string): Identity | null {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!value || typeof value !== 'object') return null;
    const { sub, roles, region, partner = null, service = null } = value as Record<string, unknown>;
    // The gateway signs only a UUID subject; anything else is refused here too.
    if (sub !== null && !isUuid(sub)) return null;
    if (region !== null && typeof region !== 'string') return null;
    if (partner !== null && typeof partner !== 'string') return null;
    if (service !== null && (typeof service !== 'string' || !SERVICE_NAME.test(service))) return null;
    if (!Array.isArray(roles) || !roles.every(isRole)) return null;
    if (service !== null) return sub === null && roles.length === 0 ? { sub: null, roles: [], region: null, partner: null, service } : null;
    return roles.length === 0 && sub === null ? ANONYMOUS : { sub: sub === null ? null : sub.toLowerCase(), roles, region, partner };
  } catch {
    return null;
  }
}

/** The header naming the subgraph that signed a call to the gateway (serviceCall). */
export const SERVICE_HEADER = 'x-civic-service';

/** What a subgraph signs its own calls to the gateway with: its name and its own secret. */
export interface ServiceCredentials {
  name: string;
  secret: string;
}

/**
 * The headers of a subgraph's own call to the gateway: the same signed form the
 * gateway uses towards subgraphs, over an identity that names only the service,
 * with the subgraph's own secret (which the gateway holds). A leaked secret of one
 * subgraph lets its holder ask as that subgraph, nothing more.
 */
export function serviceCall(credentials: ServiceCredentials, body: string): Record<string, string> {
  const identity: Identity = { sub: null, roles: [], region: null, partner: null, service: credentials.name };
  return { [SERVICE_HEADER]: credentials.name, ...signRequest(credentials.secret, identity, body) };
}
