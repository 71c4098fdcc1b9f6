import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { badUserInput, civicError, encodeIdentity, IDENTITY_HEADER, Identity, serviceLogger, signEncodedRequest } from '@civic/shared';

const logger = serviceLogger('gateway');

export interface GatewayContext {
  identity: Identity;
}

/**
 * The gateway's call to one subgraph: signed with that subgraph's own secret,
 * abandoned after a timeout, and reported to callers without internal details.
 */
export class SignedSubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    secret: string,
    timeoutMs: number,
  ) {
    super({ url });
    // Node's fetch (undici) keeps connections to each subgraph alive.
    this.fetcher = (async (input: string, init: { body?: string; headers?: Record<string, string> }) => {
      const headers = { ...init.headers };
      // Each call gets its own request id, inside the signature: the subgraph serves it once.
      const signature = signEncodedRequest(secret, headers[IDENTITY_HEADER] ?? '', init.body ?? '');
      return fetch(input, { ...init, headers: { ...headers, ...signature }, signal: AbortSignal.timeout(timeoutMs) });
    }) as unknown as Fetcher;
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
    const identity = (context as Partial<GatewayContext>).identity;
    if (identity) request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(identity));
  }

  /** A subgraph that is down, slow or misconfigured is one error for callers, not its URL. */
  override didEncounterError(error: Error): never {
    const refusal = badInputRefusal(error);
    if (refusal) throw badUserInput(`the ${this.serviceName} service refused an argument: ${refusal}`);
    const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
    // The cause (with the subgraph's address) goes to the log, never to the caller.
    logger.warn({ subgraph: this.serviceName, err: error }, 'subgraph call failed');
    throw civicError(
      'SERVICE_UNAVAILABLE',
      timedOut ? `the ${this.serviceName} service did not answer in time` : `the ${this.serviceName} service is unavailable`,
      { serviceName: this.serviceName },
    );
  }
}

/**
 * A subgraph answers HTTP 400 when graphql-js refuses a variable before anything
 * runs (a value its own scalar refuses): that is the caller's mistake, not an
 * outage. The gateway checks the shared scalars itself (validation/argumentValues.ts);
 * this covers a partner subgraph's scalar of its own. Only the subgraph's message
 * passes on, never its URL.
 */
function badInputRefusal(error: Error): string | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } }).extensions?.response;
  if (response?.status !== 400) return null;
  const errors = (response.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const code = first?.extensions?.code;
  return (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') && typeof first?.message === 'string' ? first.message : null;
}
