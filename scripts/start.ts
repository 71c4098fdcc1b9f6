// First: tracing starts (OTEL_EXPORTER_OTLP_ENDPOINT set) before http, express, graphql and pg load.
import '@civic/shared/src/tracing/register';
import { isStartupError, onShutdown, graphBanner } from '../graph/startup';
import { launchConfigFromArgs } from '../graph/config';
import { openDatabase } from '../graph/database';
import { assertGraphPortsFree, RunningGraph, startGraph } from '../graph/launch';
import { tokenSettings } from '@civic/gateway/src/config';
import { readSafelist } from '@civic/gateway/src/plugins/safelist';

/**
 * npm start [-- --size city|province] [-- --seed N] [-- --today YYYY-MM-DD] [-- --topology processes]
 * The whole graph on one machine: database, migrations, demo seed when empty,
 * every registered subgraph and the gateway. SIGINT/SIGTERM (Ctrl-C) stops it
 * all in order, letting requests in flight finish: the gateway, the subgraphs,
 * then PostgreSQL. `npm start` runs this with `node --import tsx`, not the tsx
 * CLI, whose parent process SIGKILLs a child that does not exit on the signal at once.
 */
/** See GraphOptions.stopGraceMs: short enough for Ctrl-C, long enough for a busy process to read what was sent. */
const STOP_GRACE_MS = 1_000;

async function main() {
  const config = launchConfigFromArgs();
  const ports = { ports: config.CIVIC_PORTS, gatewayPort: config.PORT, host: config.HOST };
  await assertGraphPortsFree(ports);
  // Stopping works from the first moment on: a signal during the (long) seed
  // stops PostgreSQL and exits, rather than leaving it running.
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let graph: RunningGraph | undefined;
  const shutdown = onShutdown(
    async () => {
      await graph?.stop();
      await database?.stop();
    },
    (message) => console.log(message),
  );
  database = await openDatabase(config);
  try {
    graph = await startGraph({
      databaseUrl: database.urlOf,
      rolePassword: database.rolePassword,
      ...ports,
      tokens: tokenSettings(config),
      internalSecret: config.CIVIC_INTERNAL_SECRET,
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      subgraphConnections: config.SUBGRAPH_CONNECTIONS,
      topology: config.CIVIC_TOPOLOGY,
      poolSize: (subgraph) => config.databases[subgraph].poolSize,
      seed: { seed: config.CIVIC_SEED, size: config.CIVIC_SEED_SIZE, today: config.CIVIC_SEED_TODAY },
      production: config.NODE_ENV === 'production',
      metricsToken: config.CIVIC_METRICS_TOKEN,
      stopGraceMs: STOP_GRACE_MS,
      safelist: config.CIVIC_OPERATIONS === 'safelist' ? readSafelist(config.CIVIC_SAFELIST_PATH) : undefined,
      responseCache: config.CIVIC_RESPONSE_CACHE === 'on' ? {} : false,
    });
  } catch (error) {
    // Interrupted while starting: the shutdown in progress finishes and exits.
    if (shutdown.stopping()) return;
    await database.stop();
    throw error;
  }
  if (shutdown.stopping()) return;
  console.log(graphBanner(graph));
}

main().catch((error) => {
  console.error(isStartupError(error) ? `npm start: ${error.message}` : error);
  process.exit(1);
});
