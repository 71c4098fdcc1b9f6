import { isStartupError, openSubgraphDatabase, subgraphDatabaseUrls } from '@civic/shared';
import { launchConfigFromArgs } from '../graph/config';
import { openDatabase } from '../graph/database';
import { SUBGRAPHS } from '../graph/subgraphs';
import { seedIfEmpty } from '../graph/seed';

/**
 * npm run seed [-- --size city|province] [-- --seed N] [-- --today YYYY-MM-DD]
 * Migrates every subgraph and seeds those still empty, without serving anything:
 * for a deployment's database (DATABASE_URL) or a larger local data set.
 */
async function main() {
  const config = launchConfigFromArgs();
  const database = await openDatabase(config);
  try {
    const opened = [];
    for (const module of SUBGRAPHS) {
      const urls = subgraphDatabaseUrls(database.urlOf(module.name), module.dbSchema, database.rolePassword);
      opened.push({ module, dataSource: await openSubgraphDatabase(module, urls, 2), database: urls });
    }
    const seeded = await seedIfEmpty(opened, { seed: config.CIVIC_SEED, size: config.CIVIC_SEED_SIZE, today: config.CIVIC_SEED_TODAY });
    console.log(seeded.length ? `seeded: ${seeded.join(', ')}` : 'every subgraph already holds data; nothing seeded');
    await Promise.all(opened.map((o) => o.dataSource.destroy()));
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(isStartupError(error) ? `seed: ${error.message}` : error);
  process.exit(1);
});
