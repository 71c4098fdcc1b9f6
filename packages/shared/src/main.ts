import { z } from 'zod';
import { baseEnv, ConfigError, loadConfig } from './config';
import { subgraphSecret } from './auth/signing';
import { assertDatabaseReachable, DatabaseUnreachableError } from './db/reachable';
import { startSubgraph, SubgraphModule } from './subgraphModule';
import { serviceLogger } from './logger';

const subgraphEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  /** this subgraph's own signing secret; derived from CIVIC_INTERNAL_SECRET when unset */
  CIVIC_SUBGRAPH_SECRET: z.string().min(32).optional(),
  /** the gateway's public URL, for asking another subgraph about what it owns */
  CIVIC_GATEWAY_URL: z.string().url().default('http://localhost:4000/'),
});

/** Errors that deserve one line and exit 1 instead of a stack trace. */
export function isStartupError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof DatabaseUnreachableError;
}

/** Exits on SIGINT/SIGTERM after `stop` has drained everything, once. */
export function onShutdown(stop: () => Promise<void>, log: (message: string) => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping; requests in flight finish first`);
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/**
 * Entry point of a subgraph deployed on its own (one container per subgraph).
 * It needs DATABASE_URL: the embedded database is for `npm start` and tests.
 */
export function runSubgraphMain(module: SubgraphModule): void {
  const logger = serviceLogger(module.name);
  (async () => {
    const config = loadConfig(subgraphEnv);
    if (!config.DATABASE_URL) throw new ConfigError('invalid configuration: DATABASE_URL must be set to run a subgraph on its own');
    await assertDatabaseReachable(config.DATABASE_URL);
    const started = await startSubgraph(module, {
      url: config.DATABASE_URL,
      port: config.PORT ?? module.defaultPort,
      host: config.HOST,
      secret: config.CIVIC_SUBGRAPH_SECRET ?? subgraphSecret(config.CIVIC_INTERNAL_SECRET, module.name),
      poolSize: config.DB_POOL_SIZE,
      gatewayUrl: config.CIVIC_GATEWAY_URL,
    });
    onShutdown(started.stop, (message) => logger.info(message));
  })().catch((error) => {
    if (isStartupError(error)) console.error(`${module.name}: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}
