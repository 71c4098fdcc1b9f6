import { readFileSync } from 'node:fs';
import type { SeedOptions, StartedSubgraph, SubgraphModule } from '@civic/shared';
import type { Clock, OperationManifest, StartupState } from '@civic/shared';
import {
  assertPortsFree,
  ConfigError,
  DEV_INTERNAL_SECRET,
  RunningService,
  serviceLogger,
  startSubgraph,
  subgraphDatabaseUrls,
  subgraphSecret,
} from '@civic/shared';
import { type GatewayOptions, startGateway } from '@civic/gateway/src/server';
import type { TokenSettings } from '@civic/gateway/src/auth';
import { SUPERGRAPH_FILE } from '@civic/gateway/src/config';
import { SUBGRAPHS } from './subgraphs';
import { seedIfEmpty } from './seed';
import { startGraphProcesses } from './processes';

export interface GraphOptions {
  /**
   * The database, one for all or one per subgraph (DATABASE_URL_<NAME>: a domain on a
   * server of its own); each subgraph connects to it as its own roles (db/roles.ts),
   * whose passwords follow.
   */
  databaseUrl: string | ((subgraph: string) => string);
  rolePassword: (role: string) => string;
  /** 'fixed': 4000 and each subgraph's registry port; 'free': any free ports (tests) */
  ports: 'fixed' | 'free';
  /** the gateway's port, in either mode (0: a free one); unset: 4000, or a free one with 'free' */
  gatewayPort?: number;
  host?: string;
  tokens: TokenSettings;
  internalSecret: string;
  subgraphTimeoutMs: number;
  /** the gateway's kept-alive connections to each subgraph (SUBGRAPH_CONNECTIONS); unset, its default */
  subgraphConnections?: number;
  /** connections per subgraph pool, one for all or one per subgraph (DB_POOL_SIZE_<NAME>) */
  poolSize: number | ((subgraph: string) => number);
  /** seed the demo data into an empty database; false leaves it empty */
  seed: SeedOptions | false;
  production?: boolean;
  /** CIVIC_METRICS_TOKEN: every service's /metrics asks for it (in production, no token: no /metrics) */
  metricsToken?: string;
  /**
   * How long the gateway keeps taking requests once a stop is asked, answering
   * "stopping" at /readyz, before it drains: a request sent just before the
   * signal may still be on its way in (npm start; 0 in tests).
   */
  stopGraceMs?: number;
  /** CIVIC_OPERATIONS=safelist: the gateway serves only these operations (gateway/src/plugins/safelist.ts) */
  safelist?: OperationManifest;
  /** what every subgraph reads as now (a trend's last month): the system's time unless a test sets it (one process only) */
  clock?: Clock;
  /**
   * the gateway's response cache (gateway/src/plugins/responseCache.ts): off unless
   * given (npm start gives it by CIVIC_RESPONSE_CACHE, on by default), so that the
   * bench measures the graph's own work
   */
  responseCache?: GatewayOptions['responseCache'];
  /** `one` (the default) or `processes`: each subgraph and the gateway in a Node process of its own (CIVIC_TOPOLOGY, --topology) */
  topology?: Topology;
}

export interface RunningGraph {
  gateway: RunningService;
  subgraphs: StartedSubgraph[];
  /** stops the gateway first (in-flight requests finish), then every subgraph */
  stop(): Promise<void>;
}

const logger = serviceLogger('graph');

/** How the graph's services share processes: `one` (every service in the launcher's process) or `processes` (one Node process each). */
export type Topology = 'one' | 'processes';

/**
 * The whole graph: every subgraph on its own port, migrated and seeded, and the
 * gateway in front, talking to them over real HTTP; in one process (the default)
 * or with `topology: 'processes'` each service in a Node process of its own
 * (graph/processes.ts), started, seeded, made ready and stopped the same way.
 */
export async function startGraph(options: GraphOptions): Promise<RunningGraph> {
  // Every subgraph's secret is derived from the master here: the public development one will not do.
  if (options.production && options.internalSecret === DEV_INTERNAL_SECRET) {
    throw new ConfigError('invalid configuration: CIVIC_INTERNAL_SECRET must be set in production');
  }
  return options.topology === 'processes' ? startGraphProcesses(options) : startGraphInProcess(options);
}

async function startGraphInProcess(options: GraphOptions): Promise<RunningGraph> {
  const subgraphs: StartedSubgraph[] = [];
  let gateway: RunningService | undefined;
  const startup: StartupState = { seeding: Boolean(options.seed) };
  const stop = async () => {
    startup.stopping = true;
    if (gateway && options.stopGraceMs) await new Promise((resolve) => setTimeout(resolve, options.stopGraceMs));
    await gateway?.stop();
    await Promise.all(subgraphs.map((s) => s.stop()));
  };
  try {
    // The subgraphs start first and learn the gateway's URL once it listens: a
    // free port picked ahead and bound later could be taken in between.
    let gatewayUrl = '';
    for (const module of SUBGRAPHS) {
      subgraphs.push(await startSubgraph(module, { ...subgraphStartOptions(options, module), gatewayUrl: () => gatewayUrl, clock: options.clock }));
    }
    // The gateway listens before the seed, which takes minutes at city size: its
    // /readyz and GraphQL answer 503 "seeding" meanwhile, instead of a refused port.
    gateway = await startGateway({
      ...gatewayStartOptions(
        options,
        subgraphs.map((s) => [s.module.name, s.service.url]),
      ),
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      startup,
    });
    gatewayUrl = gateway.url;
    if (options.seed) {
      logger.info({ url: gateway.url }, 'gateway listening; seeding what is empty: GraphQL answers SERVICE_UNAVAILABLE until done');
      await seedIfEmpty(subgraphs, options.seed);
      startup.seeding = false;
    }
  } catch (error) {
    await stop().catch((stopError) => logger.error({ err: stopError }, 'stopping after a failed start'));
    throw error;
  }
  return { gateway, subgraphs, stop };
}

/** What a subgraph is started with, in either topology (plain data: it crosses to a process of its own). */
export function subgraphStartOptions(options: GraphOptions, module: SubgraphModule) {
  return {
    database: subgraphDatabaseUrls(perSubgraph(options.databaseUrl, module.name), module.dbSchema, options.rolePassword),
    port: options.ports === 'fixed' ? module.defaultPort : 0,
    host: options.host,
    secret: subgraphSecret(options.internalSecret, module.name),
    poolSize: perSubgraph(options.poolSize, module.name),
    metrics: { token: options.metricsToken, production: options.production },
  };
}

/** What the gateway is started with, in either topology, but its supergraph and startup state (plain data likewise). */
export function gatewayStartOptions(options: GraphOptions, subgraphUrls: [string, string][]) {
  return {
    port: requestedGatewayPort(options),
    host: options.host,
    tokens: options.tokens,
    internalSecret: options.internalSecret,
    subgraphUrls: Object.fromEntries(subgraphUrls),
    subgraphTimeoutMs: options.subgraphTimeoutMs,
    subgraphConnections: options.subgraphConnections,
    production: options.production,
    metricsToken: options.metricsToken,
    safelist: options.safelist,
    responseCache: options.responseCache ?? false,
  };
}

const perSubgraph = <T extends string | number>(setting: T | ((subgraph: string) => T), subgraph: string): T =>
  typeof setting === 'function' ? setting(subgraph) : setting;

/**
 * With fixed ports, fails in one line when any of them is taken (a second
 * `npm start` beside the first), before anything starts.
 */
export async function assertGraphPortsFree(options: Pick<GraphOptions, 'ports' | 'gatewayPort' | 'host'>): Promise<void> {
  const gateway = { port: requestedGatewayPort(options), service: 'gateway' };
  const subgraphs = options.ports === 'fixed' ? SUBGRAPHS.map((m) => ({ port: m.defaultPort, service: m.name })) : [];
  await assertPortsFree([gateway, ...subgraphs], options.host);
}

/** The gateway's port as asked for: PORT in either mode, else 4000 (fixed) or 0, a free one (free). */
const requestedGatewayPort = (options: Pick<GraphOptions, 'ports' | 'gatewayPort'>) => options.gatewayPort ?? (options.ports === 'fixed' ? 4000 : 0);
