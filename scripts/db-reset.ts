import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runningPostmaster } from '@civic/shared';
import { loadLaunchConfig } from '../graph/config';
import { REPO_ROOT } from '../graph/database';

/**
 * npm run db:reset: deletes the embedded database's folder, so the next
 * `npm start` migrates and seeds from nothing. It never touches DATABASE_URL.
 */
function main() {
  const config = loadLaunchConfig();
  if (config.DATABASE_URL) {
    throw new Error('DATABASE_URL is set: db:reset only deletes the embedded database, never a server of yours');
  }
  const dataDir = path.resolve(REPO_ROOT, config.CIVIC_DATA_DIR);
  if (runningPostmaster(dataDir)) throw new Error(`the database in ${dataDir} is running: stop npm start first`);
  if (!existsSync(dataDir)) {
    console.log(`nothing to reset: ${dataDir} does not exist`);
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`deleted ${dataDir}; the next npm start creates and seeds it afresh`);
}

try {
  main();
} catch (error) {
  console.error(`db:reset: ${(error as Error).message}`);
  process.exit(1);
}
