import { readFileSync } from 'node:fs';
import type { SeedOptions, StartedSubgraph } from '@civic/shared';
import { ConfigError, DEV_INTERNAL_SECRET, freePort, RunningService, serviceLogger, startSubgraph, subgraphDatabaseUrls, subgraphSecret } from '@civic/shared';
import { startGateway } from '@civic/gateway/src/server';
import type { TokenSettings } from '@civic/gateway/src/auth';
import { SUPERGRAPH_FILE } from '@civic/gateway/src/config';
import { SUBGRAPHS } from './subgraphs';
import { seedIfEmpty } from './seed';

export interface GraphOptions {
  /** the database; each subgraph connects to it as its own roles (db/roles.ts), whose passwords follow */
  databaseUrl: string;
  rolePassword: (role: string) => string;
  /** 'fixed': 4000 and each subgraph's registry port; 'free': any free ports (tests) */
  ports: 'fixed' | 'free';
  gatewayPort?: number;
  host?: string;
  tokens: TokenSettings;
  internalSecret: string;
  subgraphTimeoutMs: number;
  poolSize: number;
  /** seed the demo data into an empty database; false leaves it empty */
  seed: SeedOptions | false;
  production?: boolean;
}

export interface RunningGraph {
  gateway: RunningService;
  subgraphs: StartedSubgraph[];
  /** stops the gateway first (in-flight requests finish), then every subgraph */
  stop(): Promise<void>;
}

const logger = serviceLogger('graph');

/**
 * The whole graph in one process: every subgraph on its own port, migrated and
 * seeded, and the gateway in front, talking to them over real HTTP.
 */
export async function startGraph(options: GraphOptions): Promise<RunningGraph> {
  // Every subgraph's secret is derived from the master here: the public development one will not do.
  if (options.production && options.internalSecret === DEV_INTERNAL_SECRET) {
    throw new ConfigError('invalid configuration: CIVIC_INTERNAL_SECRET must be set in production');
  }
  const subgraphs: StartedSubgraph[] = [];
  let gateway: RunningService | undefined;
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((s) => s.stop()));
  };
  try {
    // Ports are chosen before anything starts, so that every subgraph knows the
    // gateway's URL although the gateway starts last.
    const gatewayPort = options.ports === 'fixed' ? (options.gatewayPort ?? 4000) : await freePort();
    const gatewayUrl = `http://localhost:${gatewayPort}/`;
    for (const module of SUBGRAPHS) {
      subgraphs.push(
        await startSubgraph(module, {
          database: subgraphDatabaseUrls(options.databaseUrl, module.dbSchema, options.rolePassword),
          port: options.ports === 'fixed' ? module.defaultPort : 0,
          gatewayUrl,
          host: options.host,
          secret: subgraphSecret(options.internalSecret, module.name),
          poolSize: options.poolSize,
        }),
      );
    }
    if (options.seed) await seedIfEmpty(subgraphs, options.seed);
    gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      port: gatewayPort,
      host: options.host,
      tokens: options.tokens,
      internalSecret: options.internalSecret,
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.module.name, s.service.url])),
      subgraphTimeoutMs: options.subgraphTimeoutMs,
      production: options.production,
    });
  } catch (error) {
    await stop().catch((stopError) => logger.error({ err: stopError }, 'stopping after a failed start'));
    throw error;
  }
  return { gateway, subgraphs, stop };
}
