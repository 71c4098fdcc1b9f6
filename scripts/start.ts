import { isStartupError, onShutdown, graphBanner } from '../graph/startup';
import { launchConfigFromArgs } from '../graph/config';
import { openDatabase } from '../graph/database';
import { startGraph } from '../graph/launch';
import { tokenSettings } from '@civic/gateway/src/config';

/**
 * npm start [-- --size city] [-- --seed N]
 * The whole graph on one machine: database, migrations, demo seed when empty,
 * every registered subgraph and the gateway. Ctrl-C stops it all, letting requests finish.
 */
async function main() {
  const config = launchConfigFromArgs();
  const database = await openDatabase(config);
  let graph;
  try {
    graph = await startGraph({
      databaseUrl: database.url,
      rolePassword: database.rolePassword,
      ports: config.CIVIC_PORTS,
      gatewayPort: config.PORT,
      host: config.HOST,
      tokens: tokenSettings(config),
      internalSecret: config.CIVIC_INTERNAL_SECRET,
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      poolSize: config.DB_POOL_SIZE,
      seed: { seed: config.CIVIC_SEED, size: config.CIVIC_SEED_SIZE },
      production: config.NODE_ENV === 'production',
    });
  } catch (error) {
    await database.stop();
    throw error;
  }
  console.log(graphBanner(graph));
  const running = graph;
  onShutdown(async () => {
    await running.stop();
    await database.stop();
  }, (message) => console.log(message));
}

main().catch((error) => {
  console.error(isStartupError(error) ? `npm start: ${error.message}` : error);
  process.exit(1);
});
