import path from 'node:path';
import { assertDatabaseReachable, EmbeddedDatabase, serviceLogger, startEmbeddedPostgres } from '@civic/shared';
import type { LaunchConfig } from './config';

export const REPO_ROOT = path.join(__dirname, '..');
const logger = serviceLogger('database');

/**
 * DATABASE_URL when set (and nothing embedded starts); otherwise the embedded
 * PostgreSQL in CIVIC_DATA_DIR, started here and stopped by `stop`.
 */
export async function openDatabase(config: LaunchConfig): Promise<{ url: string; stop(): Promise<void>; embedded: EmbeddedDatabase | null }> {
  if (config.DATABASE_URL) {
    await assertDatabaseReachable(config.DATABASE_URL);
    return { url: config.DATABASE_URL, stop: async () => undefined, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(REPO_ROOT, config.CIVIC_DATA_DIR),
    port: config.CIVIC_PG_PORT,
    database: 'civic',
    callerHandlesSignals: true,
    onLog: (line) => logger.debug(line),
  });
  logger.info({ dataDir: config.CIVIC_DATA_DIR, port: config.CIVIC_PG_PORT }, 'embedded PostgreSQL started');
  return { url: embedded.url, stop: embedded.stop, embedded };
}
