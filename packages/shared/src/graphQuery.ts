import { readFileSync } from 'node:fs';
import path from 'node:path';
import { civicError } from './errors';
import { serviceCall } from './auth/signing';
import type { GraphServices } from './subgraphModule';

const unavailable = (what: string, why: string, notReady = false) =>
  civicError('SERVICE_UNAVAILABLE', `cannot check ${what} with the subgraph that owns it: ${why}`, {
    serviceName: 'gateway',
    ...(notReady ? { graphNotReady: true } : {}),
  });

/**
 * Whether a failed queryGraph failed because the graph is not serving yet, or no
 * longer: the gateway not listening, or answering 503 (seeding, starting, draining).
 * Nothing was refused; a job may wait without counting it as a failed attempt.
 */
export function isGraphNotReady(error: unknown): boolean {
  return error instanceof Error && 'extensions' in error && (error as { extensions?: Record<string, unknown> }).extensions?.graphNotReady === true;
}

/**
 * One question a subgraph asks the graph, as it is registered: the document of one
 * `.graphql` file in the subgraph's `service-operations/` folder (or the shared
 * one's), named by its file. `npm run compose` puts every such file into the
 * operation safelist (schema/safelist.json) as the asking subgraph's own, so the
 * question is the same bytes whether the gateway runs with a safelist or not.
 */
export interface ServiceOperation {
  name: string;
  document: string;
}

/** Reads a service operation from its file once, when the module loads. */
export function serviceOperation(file: string): ServiceOperation {
  return { name: path.basename(file, '.graphql'), document: readFileSync(file, 'utf8') };
}

/**
 * Asks the graph a question through the gateway: for facts another subgraph owns
 * (a subject to assess, an elder to enrol), so that no subgraph reads another's
 * tables. Always as itself: the call is signed with the asking subgraph's own
 * secret (serviceCall), so it keeps working when the gateway admits only
 * authenticated callers or safelisted operations, and a field may answer the graph's
 * own services what it answers no client (the directory's personOnRecord). The
 * gateway refuses a question it would plan back into the asking subgraph
 * (gateway/src/serviceCallPlan.ts). Any failure (unreachable, HTTP error, GraphQL
 * error) is SERVICE_UNAVAILABLE naming `what`, never an internal error: the caller
 * may retry.
 */
export async function queryGraph<Data = Record<string, any>>(
  services: GraphServices,
  what: string,
  operation: ServiceOperation,
  variables: Record<string, unknown>,
  timeoutMs = 5_000,
): Promise<Data> {
  let body: { data?: Data | null; errors?: { message: string }[] };
  const sent = JSON.stringify({ query: operation.document, operationName: operation.name, variables });
  try {
    // Empty while the graph starts: its subgraphs listen before the gateway does.
    if (!services.gatewayUrl) throw unavailable(what, 'the gateway is not listening yet', true);
    const response = await fetch(services.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceCall(services.credentials, sent) },
      body: sent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw unavailable(what, `HTTP ${response.status}`, response.status === 503);
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (error instanceof Error && 'extensions' in error) throw error;
    throw unavailable(what, error instanceof Error ? error.message : String(error));
  }
  if (body.errors?.length || !body.data) throw unavailable(what, body.errors?.[0]?.message ?? 'no data');
  return body.data;
}
