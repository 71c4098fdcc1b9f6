import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
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
  if (isRunning(dataDir)) throw new Error(`the database in ${dataDir} is running: stop npm start first`);
  if (!existsSync(dataDir)) {
    console.log(`nothing to reset: ${dataDir} does not exist`);
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`deleted ${dataDir}; the next npm start creates and seeds it afresh`);
}

/** postmaster.pid names the server's process while it runs. */
function isRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

try {
  main();
} catch (error) {
  console.error(`db:reset: ${(error as Error).message}`);
  process.exit(1);
}
