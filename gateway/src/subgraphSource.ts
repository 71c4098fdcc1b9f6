import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  civicError,
  encodeIdentity,
  encodeTrace,
  IDENTITY_HEADER,
  Identity,
  REQUEST_ID_HEADER,
  type SafelistedOperation,
  serviceLogger,
  signEncodedRequest,
  TRACE_HEADER,
  tracing,
} from '@civic/shared';
import type { ClientRequest } from './clientRequests';
import { callIdFor, type ServiceCall } from './serviceCaller';
import { mergeQueries, SameTurnBatches } from './fetchBatching';
import { agentFetcher } from './subgraphClient';
import type { Agent } from 'undici';

const logger = serviceLogger('gateway');

export interface GatewayContext {
  identity: Identity;
  /** the client request: its id and operation name go to every subgraph call, signed */
  request: ClientRequest;
  /** set when one of the graph's own subgraphs asks (serviceCaller.ts) */
  serviceCall?: ServiceCall;
  /** with CIVIC_OPERATIONS=safelist, the registered operation the request is (plugins/safelist.ts) */
  safelisted?: SafelistedOperation;
}

export type SubgraphCallObserver = (subgraph: string, status: number | 'failed', durationMs: number) => void;

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
    /** told of every call when it ends: its status (or `failed` with no answer) and duration */
    onCall?: SubgraphCallObserver,
    /** the gateway's pooled keep-alive connections to its subgraphs (subgraphClient.ts); unset, Node's fetch */
    agent?: Agent,
  ) {
    super({ url });
    const send = agent ? agentFetcher(agent) : (fetch as unknown as Fetcher);
    this.fetcher = (async (input: string, init: { body?: string; headers?: Record<string, string> }) => {
      const headers = { ...init.headers };
      // Each call gets its own request id, inside the signature: the subgraph serves it once.
      // A fresh one, unless a service call's (willSendRequest). The client request's
      // trace is signed beside it, the same for every call.
      const callId: string = headers[REQUEST_ID_HEADER] ?? randomUUID();
      const signature = signEncodedRequest(secret, headers[IDENTITY_HEADER] ?? '', init.body ?? '', Date.now(), callId, headers[TRACE_HEADER] ?? '');
      const started = process.hrtime.bigint();
      let status: number | 'failed' = 'failed';
      try {
        const response = await send(input, { ...init, headers: { ...headers, ...signature }, signal: AbortSignal.timeout(timeoutMs) });
        status = response.status;
        return response;
      } finally {
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        logger.debug({ subgraph: serviceName, status, durationMs: Math.round(durationMs * 10) / 10 }, 'subgraph call');
        onCall?.(serviceName, status, durationMs);
      }
    }) as unknown as Fetcher;
  }

  /**
   * The fetches a query plan starts together (a wave) for one client request that go
   * to this subgraph leave as one call: one signed HTTP request, one replay claim,
   * one set of the subgraph's DataLoaders (fetchBatching.ts).
   */
  private readonly waves = new SameTurnBatches<GraphQLDataSourceProcessOptions<GatewayContext>, Awaited<ReturnType<RemoteGraphQLDataSource['process']>>>(
    (fetches) => this.processTogether(fetches),
  );

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Health checks and schema loading have no client request to batch under.
    if (!('incomingRequestContext' in options) || !options.context) return super.process(options);
    return this.waves.add(options.context, options);
  }

  /** One HTTP call to the subgraph, in its own client span (tracing on): the span whose traceparent willSendRequest signs. */
  private call(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return tracing().subgraphCall(this.serviceName, () => super.process(options));
  }

  private async processTogether(fetches: GraphQLDataSourceProcessOptions<GatewayContext>[]) {
    const merged = fetches.length > 1 ? mergeQueries(fetches.map((f) => f.request as { query: string })) : null;
    if (!merged) return Promise.all(fetches.map((f) => this.call(f)));
    const [first] = fetches;
    const answer = await this.call({
      ...first,
      request: { query: merged.query, variables: merged.variables, operationName: first.request.operationName },
      document: undefined,
    } as GraphQLDataSourceProcessOptions<GatewayContext>);
    return merged.split(answer as Parameters<typeof merged.split>[0]) as (typeof answer)[];
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
    const { identity, request: client, serviceCall } = context as Partial<GatewayContext>;
    if (identity) request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(identity));
    // A service call's calls have ids derived from its own, so that a copy of it is refused (serviceCaller.ts).
    if (serviceCall) request.http?.headers.set(REQUEST_ID_HEADER, callIdFor(serviceCall, this.serviceName));
    if (client) {
      const trace = { requestId: client.requestId, operation: client.operation, traceparent: tracing().traceparent() };
      request.http?.headers.set(TRACE_HEADER, encodeTrace(trace));
    }
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
