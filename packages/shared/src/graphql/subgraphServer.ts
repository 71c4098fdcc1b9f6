import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import { Identity } from '../auth/identity';
import type { RequestTrace } from '../request/requestId';
import type { ReplayGuard } from '../auth/replayGuard';
import { serviceLogger } from '../logger';
import { formatErrorForCaller } from './formatError';
import { edgeServer, jsonErrorHandler } from '../http/edge';
import { tracing } from '../tracing/tracing';
import { signedBody, SignedRequest } from './signedBody';
import { READY, readinessHandler, ReadinessProbe } from '../health/readiness';
import { MetricsAccess, metricsHandler, requestMetrics } from '../metrics/registry';
import { requestMetricsPlugin } from '../metrics/outcome';
import { cacheScopePlugin, withCaller } from './cacheScope';
import type { Registry } from 'prom-client';

export interface SubgraphDefinition<Context extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<any>;
  /** builds the per-request context: fresh DataLoaders for every request; `trace` names the client's request */
  createContext(identity: Identity, trace: RequestTrace): Context;
}

export interface ServeOptions {
  port: number;
  host?: string;
  /** this subgraph's signing secret, shared with the gateway alone */
  secret: string;
  /** where signed calls' request ids are claimed: a call is served once */
  replayGuard: ReplayGuard;
  /** the largest request body accepted */
  bodyLimit?: string;
  /** what GET /readyz checks (unsigned: it carries no data); ready when not given */
  readiness?: ReadinessProbe;
  /** this service's metrics, served at GET /metrics to whom `access` allows (unsigned, like /readyz) */
  metrics?: { registry: Registry; access: MetricsAccess };
}

export interface RunningService {
  url: string;
  port: number;
  /** stops accepting requests, lets those in flight finish, then closes */
  stop(): Promise<void>;
}

/**
 * How long a subgraph keeps an idle connection open. The gateway keeps its
 * connections alive (gateway/src/subgraphClient.ts); a server that closes an idle
 * socket just as the gateway reuses it fails that call ("other side closed"), so
 * idle sockets live beyond the gateway's own keep-alive window (GATEWAY_KEEP_ALIVE_MAX_MS).
 */
export const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

/**
 * Builds and starts one subgraph: Apollo Server on express, behind the gateway's
 * signature. Listening on port 0 gives a free port, which tests use.
 */
export async function serveSubgraph<Context extends BaseContext>(definition: SubgraphDefinition<Context>, options: ServeOptions): Promise<RunningService> {
  const logger = serviceLogger(definition.name);
  const { app, httpServer } = edgeServer();
  // express would hash every answer for an ETag; the gateway never revalidates a subgraph's answer.
  app.set('etag', false);
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
  const apollo = new ApolloServer<Context>({
    schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers }),
    // Inline traces only feed Apollo Studio, which this graph does not use.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      cacheScopePlugin<Context>(),
      ...(options.metrics ? [requestMetricsPlugin(requestMetrics(options.metrics.registry))] : []),
    ],
    logger,
    formatError: formatErrorForCaller(logger),
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown stops servers in order (gateway first); Apollo's
    // per-server signal handlers would stop them all at once and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/readyz', readinessHandler(definition.name, options.readiness ?? (async () => READY)));
  if (options.metrics) app.get('/metrics', metricsHandler(options.metrics.registry, options.metrics.access));
  app.use(signedBody({ service: definition.name, secret: options.secret, replayGuard: options.replayGuard, limit: options.bodyLimit ?? '1mb', logger }));
  app.use(
    '/',
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const identity = (req as SignedRequest).identity as Identity;
        return withCaller(definition.createContext(identity, (req as SignedRequest).trace as RequestTrace), identity);
      },
    }),
  );

  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  tracing().listening(definition.name, port, 'subgraph');
  logger.info({ port }, 'subgraph listening');
  return { url: `http://127.0.0.1:${port}/`, port, stop: () => apollo.stop() };
}
