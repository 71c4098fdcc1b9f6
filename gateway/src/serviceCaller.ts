import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type Identity, SERVICE_HEADER, unauthenticatedRequest, verifyRequest } from '@civic/shared';

/** A verified call of one of the graph's own subgraphs: who asks, and the id it signed its call with. */
export interface ServiceCall {
  identity: Identity;
  /** the request id inside the caller's signature */
  callId: string;
  /** how many calls to each subgraph this request has made so far (callIdFor) */
  calls: Map<string, number>;
}

/**
 * The graph's own subgraphs ask the gateway questions too (a person's year of birth
 * before a veteran is registered). Such a call is signed as the gateway signs its
 * calls to subgraphs, with the asking subgraph's own secret, over an identity that
 * names only the service (`serviceCall` in @civic/shared); here it is verified with
 * the gateway's copy of that secret. The service identity then travels signed to the
 * subgraph that answers, which may tell it what it tells no client. A call that names
 * a service and fails the check is refused whole (401), never taken as anonymous.
 */
export function serviceCallers(secretOf: (service: string) => string | undefined) {
  return function serviceCaller(headers: IncomingHttpHeaders, rawBody: Buffer | undefined): ServiceCall | null {
    const service = headers[SERVICE_HEADER];
    if (service === undefined) return null;
    const secret = typeof service === 'string' ? secretOf(service) : undefined;
    if (!secret) throw unauthenticatedRequest("the calling service is not one of the graph's subgraphs");
    const verified = verifyRequest(secret, headers, rawBody ?? Buffer.alloc(0));
    if (!verified.ok || verified.identity.service !== service) throw unauthenticatedRequest('the service call is not signed by that service');
    return { identity: verified.identity, callId: verified.requestId, calls: new Map() };
  };
}

/**
 * The request id of the gateway's n-th call to a subgraph on behalf of a service
 * call, derived from the id the service signed instead of drawn at random. The
 * gateway keeps no store of its own (it holds no database), so it does not remember
 * the service calls it has verified; but the subgraphs' replay guards
 * (`signed_request`, shared by all their replicas) remember these derived ids. A
 * service call sent again within its 60 s window is verified again, and planned
 * again into the same calls, with the same ids: the subgraph that answers refuses
 * them as already served, so the copy learns nothing (its fields come back
 * SERVICE_UNAVAILABLE), from any replica of the gateway.
 */
export function callIdFor(call: ServiceCall, subgraph: string): string {
  const n = call.calls.get(subgraph) ?? 0;
  call.calls.set(subgraph, n + 1);
  const hex = createHash('sha256').update(`${call.callId}:${subgraph}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
