import { z } from 'zod';
import { baseEnv, ConfigError, DEV_INTERNAL_SECRET, loadConfig, optionalPostgresUrl, subgraphDatabaseSettings } from './config';
import { subgraphSecret } from './auth/signing';
import { assertDatabaseReachable, DatabaseUnreachableError } from './db/reachable';
import { DatabaseInUseError } from './db/postmaster';
import { PortInUseError } from './ports';
import { openSubgraphDatabase, startSubgraph, SubgraphModule } from './subgraphModule';
import { serviceLogger } from './logger';
import { tracing } from './tracing/tracing';

export const subgraphEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  /** in development only: the master secret this subgraph's own is derived from */
  CIVIC_INTERNAL_SECRET: z.string().min(32).optional(),
  /** this subgraph's own signing secret, shared with the gateway alone; required in production */
  CIVIC_SUBGRAPH_SECRET: z.string().min(32).optional(),
  /**
   * The schema owner's login (db/roles.ts), used once at start to migrate; then the
   * subgraph serves as DATABASE_URL's role. Unset: DATABASE_URL migrates too.
   */
  MIGRATION_DATABASE_URL: optionalPostgresUrl(),
  /** the gateway's public URL, for asking another subgraph about what it owns */
  CIVIC_GATEWAY_URL: z.string().url().default('http://localhost:4000/'),
  /**
   * When this process migrates its schema: `at-start` (under the schema's advisory
   * lock, then it serves; docker-compose.yml), `only` (migrate, load reference data
   * and exit 0: a Kubernetes migration Job, connected directly, since a session
   * advisory lock does not survive a transaction-pooling PgBouncer) or `skip` (serve
   * only, through the pooler; /readyz answers "migrations pending" until the Job ran).
   */
  CIVIC_MIGRATIONS: z.enum(['at-start', 'only', 'skip']).default('at-start'),
});

export type SubgraphConfig = z.infer<typeof subgraphEnv>;

/**
 * The secret a subgraph running alone checks the gateway's signature with. In
 * production it is CIVIC_SUBGRAPH_SECRET and nothing else: a subgraph holding the
 * master secret could derive every other subgraph's secret and sign for them, so
 * it refuses to start with one. In development it is derived from the master
 * (the development default unless set), as `npm start` derives it.
 */
export function subgraphSigningSecret(config: SubgraphConfig, subgraph: string): string {
  if (config.NODE_ENV === 'production') {
    if (config.CIVIC_INTERNAL_SECRET) {
      throw new ConfigError(
        'invalid configuration: CIVIC_INTERNAL_SECRET must not reach a subgraph in production (it opens every subgraph); give it only its own CIVIC_SUBGRAPH_SECRET',
      );
    }
    if (!config.CIVIC_SUBGRAPH_SECRET) throw new ConfigError('invalid configuration: CIVIC_SUBGRAPH_SECRET must be set in production');
    return config.CIVIC_SUBGRAPH_SECRET;
  }
  return config.CIVIC_SUBGRAPH_SECRET ?? subgraphSecret(config.CIVIC_INTERNAL_SECRET ?? DEV_INTERNAL_SECRET, subgraph);
}

/** Errors that deserve one line and exit 1 instead of a stack trace. */
export function isStartupError(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof DatabaseUnreachableError || error instanceof DatabaseInUseError || error instanceof PortInUseError;
}

/**
 * Exits on SIGINT/SIGTERM after `stop` has drained everything and the last spans
 * are exported (tracing on), once: a second signal (Ctrl-C reaches both npm and
 * node, and npm passes its own on) changes nothing.
 */
export function onShutdown(stop: () => Promise<void>, log: (message: string) => void): { stopping(): boolean } {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping; requests in flight finish first`);
    stop()
      .then(() => tracing().shutdown())
      .then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return { stopping: () => stopping };
}

/**
 * Entry point of a subgraph deployed on its own (one container per subgraph).
 * It needs DATABASE_URL (its serving role) and, where roles are separated as in
 * docker-compose.yml, MIGRATION_DATABASE_URL (its schema's owner): the embedded
 * database is for `npm start` and tests.
 */
export function runSubgraphMain(module: SubgraphModule): void {
  const logger = serviceLogger(module.name);
  (async () => {
    const config = loadConfig(subgraphEnv);
    const database = subgraphDatabaseSettings([module.name], config)[module.name];
    if (!database.url) throw new ConfigError('invalid configuration: DATABASE_URL (or DATABASE_URL_<NAME>) must be set to run a subgraph on its own');
    const urls = { url: database.url, migrationUrl: config.MIGRATION_DATABASE_URL };
    await assertDatabaseReachable(database.url);
    if (config.CIVIC_MIGRATIONS === 'only') {
      const migrated = await openSubgraphDatabase(module, urls, 1);
      await migrated.destroy();
      logger.info({ schema: module.dbSchema }, `${module.name}: migrations applied; not serving (CIVIC_MIGRATIONS=only)`);
      return;
    }
    const secret = subgraphSigningSecret(config, module.name);
    const started = await startSubgraph(module, {
      database: urls,
      migrate: config.CIVIC_MIGRATIONS === 'at-start',
      port: config.PORT ?? module.defaultPort,
      host: config.HOST,
      secret,
      poolSize: database.poolSize,
      gatewayUrl: config.CIVIC_GATEWAY_URL,
      metrics: { token: config.CIVIC_METRICS_TOKEN, production: config.NODE_ENV === 'production' },
    });
    onShutdown(started.stop, (message) => logger.info(message));
  })().catch((error) => {
    if (isStartupError(error)) console.error(`${module.name}: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}
