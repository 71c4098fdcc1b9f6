import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  edgeServer,
  formatErrorForCaller,
  tracing,
  jsonErrorHandler,
  metricsHandler,
  readinessHandler,
  RunningService,
  SERVICE_HEADER,
  serviceLogger,
  StartupState,
  subgraphSecret,
} from '@civic/shared';
import { gatewayReadiness, supergraphUrls } from './readiness';
import { startupGate } from './startupGate';
import { serviceCallers } from './serviceCaller';
import { refuseServiceLoop } from './serviceCallPlan';

type RawBodyRequest = http.IncomingMessage & { rawBody?: Buffer };
import { createAuthenticator, type TokenSettings } from './auth';
import { GatewayContext, SignedSubgraphSource } from './subgraphSource';
import { DEFAULT_SUBGRAPH_CONNECTIONS, subgraphAgent } from './subgraphClient';
import { DEFAULT_LIMITS, limitRules, QueryLimits } from './limits';
import { developmentTokenRouter } from './web/devTokens';
import { pagesRouter } from './web/pages';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { requestChecksPlugin } from './plugins/requestChecks';
import { safelist, safelistPlugin } from './plugins/safelist';
import type { OperationManifest } from '@civic/shared';
import { mutationOutcomePlugin } from './plugins/mutationOutcome';
import { clientRequestOfResponse, clientRequestPlugin, clientRequests } from './clientRequests';
import { gatewayMetrics } from './metrics';
import { graphAsker } from './openData/askGraph';
import { vocabulary } from './openData/vocabulary';
import { hsdsRouter } from './hsds/router';
import { open311Router } from './open311/router';
import { certificatesRouter } from './certificates/router';
import type { CertificateFont } from './certificates/pdf';
import { DEFAULT_CERTIFICATE_FONT } from './config';
import { exportRouter } from './exports/router';
import { isRegistered } from './operations';
import { responseCachePlugins, type ResponseCacheOptions } from './plugins/responseCache';

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  host?: string;
  /** the development secret, the identity provider's key set (in production, the only tokens), issuer and audience */
  tokens: TokenSettings;
  /** master secret each subgraph's signing secret derives from */
  internalSecret: string;
  /** explicit per-subgraph secrets, by service name, overriding the derived ones */
  subgraphSecrets?: Record<string, string>;
  /** subgraph URLs by service name, overriding the supergraph's */
  subgraphUrls?: Record<string, string>;
  subgraphTimeoutMs: number;
  /** kept-alive connections to each subgraph at most (SUBGRAPH_CONNECTIONS); unset, DEFAULT_SUBGRAPH_CONNECTIONS */
  subgraphConnections?: number;
  bodyLimit?: string;
  production?: boolean;
  limits?: QueryLimits;
  /** CIVIC_METRICS_TOKEN: /metrics asks for it; in production, without one, /metrics is not served */
  metricsToken?: string;
  /** while `seeding`, /readyz and GraphQL answer 503 "seeding" (npm start listens before it seeds) */
  startup?: StartupState;
  /** CIVIC_OPERATIONS=safelist: only these operations are served (plugins/safelist.ts); unset, any operation */
  safelist?: OperationManifest;
  /** the CJK font hours certificates' PDFs are drawn in (CIVIC_CERTIFICATE_FONT); unset, Debian's Noto Sans CJK */
  certificateFont?: CertificateFont;
  /** the public address printed on certificates (CIVIC_PUBLIC_URL) */
  publicUrl?: string;
  /** whole answers kept as the subgraphs' cache hints allow (plugins/responseCache.ts); `false`: none kept */
  responseCache?: Omit<ResponseCacheOptions, 'onQuery'> | false;
}

const logger = serviceLogger('gateway');

/**
 * The gateway: composes nothing itself (it serves the checked-in supergraph),
 * authenticates callers, and calls the subgraphs signed. Port 0 gives a free port.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const metrics = gatewayMetrics();
  // Subgraphs the gateway calls, whose own secrets also verify their calls to it (serviceCaller.ts).
  const services = new Set<string>();
  const secretOf = (name: string) => options.subgraphSecrets?.[name] ?? subgraphSecret(options.internalSecret, name);
  const serviceCaller = serviceCallers((name) => (services.has(name) ? secretOf(name) : undefined));
  const agent = subgraphAgent(options.subgraphConnections ?? DEFAULT_SUBGRAPH_CONNECTIONS);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      services.add(name);
      const subgraphUrl = options.subgraphUrls?.[name] ?? (url as string);
      return new SignedSubgraphSource(name, subgraphUrl, secretOf(name), options.subgraphTimeoutMs, metrics.onSubgraphCall, agent);
    },
    // Before anything is fetched: a service call is never planned back into its caller.
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) =>
      refuseServiceLoop(queryPlan, (requestContext.context as Partial<GatewayContext>).identity),
  });
  const limits = options.limits ?? DEFAULT_LIMITS;
  const registered = options.safelist ? safelist(options.safelist, limits.maxTokens) : undefined;
  const { app, httpServer } = edgeServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The gateway serves its own playground (web/pages.ts); Apollo's would load from a CDN.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...(registered ? [safelistPlugin()] : []),
      requestChecksPlugin(),
      mutationOutcomePlugin(),
      ...responseCachePlugins(options.responseCache === false ? false : { ...options.responseCache, onQuery: metrics.onCachedQuery }),
      // Last: the outcome it records is the answer as the client gets it.
      clientRequestPlugin(),
    ],
    formatError: formatErrorForCaller(logger),
    includeStacktraceInErrorResponses: false,
    // The process's own shutdown stops servers in order (gateway first); Apollo's
    // per-server signal handlers would stop them all at once and re-raise the signal.
    stopOnTerminationSignals: false,
    introspection: !options.production,
    // Production: no "Did you mean …?" hints that map the schema for a prober.
    hideSchemaDetailsFromClientErrors: Boolean(options.production),
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    // Refuses simple cross-site requests (forms, <img>) that could carry a user's token.
    csrfPrevention: true,
    // With a safelist, a persisted query's hash finds only a registered document.
    ...(registered ? { persistedQueries: { cache: registered.cache, ttl: null } } : {}),
    logger,
  });
  await apollo.start();
  const authenticate = createAuthenticator({ ...options.tokens, production: options.production });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const subgraphUrls = { ...supergraphUrls(options.supergraphSdl), ...options.subgraphUrls };
  app.get('/readyz', readinessHandler('gateway', gatewayReadiness({ gateway, subgraphUrls, startup: options.startup })));
  const requests = clientRequests(logger, [metrics.onRequest]);
  // Every answer at `/` has its id and access line, a 503 "seeding" too.
  app.all('/', requests.begin);
  if (options.startup) app.all('/', startupGate(options.startup));
  // The check-in pages ask the graph for a place's code as a client would, at this
  // gateway's own address once it listens (web/checkin.ts).
  let graphUrl = '';
  app.use(pagesRouter({ playground: !options.production, graphUrl: () => graphUrl }));
  // The playground's picker mints development tokens; production has neither.
  if (!options.production) app.use(developmentTokenRouter(options.tokens));
  // Open data: REST answers in the standards' shapes, each asked of the graph itself (openData/askGraph.ts).
  const askGraph = graphAsker(apollo);
  const words = vocabulary(options.supergraphSdl);
  const openData = [requests.begin, ...(options.startup ? [startupGate(options.startup)] : []), requests.scope];
  app.use(
    '/hsds',
    ...openData,
    hsdsRouter(words, (res) => askGraph(res)),
  );
  app.use('/open311/v2', ...openData, open311Router(words, askGraph, authenticate));
  // Hours certificates: /verify/<code>, /certificates/<code>(.pdf), asked of the graph likewise.
  app.get(
    ['/verify/:code', '/certificates/:file'],
    ...openData,
    certificatesRouter({ askGraph, authenticate, font: options.certificateFont ?? DEFAULT_CERTIFICATE_FONT, publicUrl: options.publicUrl }),
  );
  // Downloads (CSV, XLSX) of the dashboard's table and the public lists, streamed a page at a time (exports/router.ts).
  app.use('/export', ...openData, exportRouter({ words, askGraph, authenticate, registered: isRegistered(options.safelist) }));
  app.get('/metrics', metricsHandler(metrics.registry, { token: options.metricsToken, production: options.production }));
  // GraphQL lives at the root path only; any other path is not found rather than
  // a confusing GraphQL error.
  app.all(
    '/',
    express.json({
      limit: options.bodyLimit ?? '100kb',
      // A subgraph's own call is signed over the exact bytes it sent (serviceCaller.ts).
      verify: (req, _res, buffer) => {
        if (req.headers[SERVICE_HEADER] !== undefined) (req as RawBodyRequest).rawBody = buffer;
      },
    }),
    requests.scope,
    ...(registered ? [registered.middleware] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const serviceCall = serviceCaller(req.headers, (req as RawBodyRequest).rawBody) ?? undefined;
        return {
          identity: serviceCall?.identity ?? (await authenticate(req.headers.authorization)),
          serviceCall,
          request: clientRequestOfResponse(res),
          safelisted: res.locals.safelisted,
        };
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found: the graph answers at /', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  tracing().listening('gateway', port, 'gateway');
  graphUrl = `http://${loopback(options.host)}:${port}/`;
  logger.info({ port }, 'gateway listening');
  return {
    url: `http://localhost:${port}/`,
    port,
    stop: async () => {
      await apollo.stop();
      // Once nothing is in flight: the idle connections to the subgraphs go too.
      await agent.close();
    },
  };
}

/** The address this gateway reaches itself at: loopback unless it listens on one address only. */
function loopback(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
