import type { IncomingHttpHeaders } from 'node:http';
import { type Identity, SERVICE_HEADER, unauthenticatedRequest, verifyRequest } from '@civic/shared';

/**
 * The graph's own subgraphs ask the gateway questions too (a person's year of birth
 * before a veteran is registered). Such a call is signed as the gateway signs its
 * calls to subgraphs, with the asking subgraph's own secret, over an identity that
 * names only the service (`serviceCall` in @civic/shared); here it is verified with
 * the gateway's copy of that secret. The service identity then travels signed to the
 * subgraph that answers, which may tell it what it tells no client. A call that names
 * a service and fails the check is refused whole (401), never taken as anonymous.
 * Such calls are not remembered: a captured one can be sent again within the 60 s
 * window, and asks only what it asked.
 */
export function serviceCallers(secretOf: (service: string) => string | undefined) {
  return function serviceCaller(headers: IncomingHttpHeaders, rawBody: Buffer | undefined): Identity | null {
    const service = headers[SERVICE_HEADER];
    if (service === undefined) return null;
    const secret = typeof service === 'string' ? secretOf(service) : undefined;
    if (!secret) throw unauthenticatedRequest('the calling service is not one of the graph\'s subgraphs');
    const verified = verifyRequest(secret, headers, rawBody ?? Buffer.alloc(0));
    if (!verified.ok || verified.identity.service !== service) throw unauthenticatedRequest('the service call is not signed by that service');
    return verified.identity;
  };
}
