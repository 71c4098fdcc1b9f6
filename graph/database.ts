import path from 'node:path';
import { assertDatabaseReachable, ConfigError, EmbeddedDatabase, provisionDatabase, serviceLogger, startEmbeddedPostgres } from '@civic/shared';
import type { LaunchConfig } from './config';
import { rolePasswords } from './rolePasswords';
import { SUBGRAPHS } from './subgraphs';

export const REPO_ROOT = path.join(__dirname, '..');
const logger = serviceLogger('database');

export interface OpenedDatabase {
  /** the administrator's URL (DATABASE_URL, or the embedded superuser's) */
  url: string;
  /** the password of each subgraph's roles, as provisioned */
  rolePassword: (role: string) => string;
  embedded: EmbeddedDatabase | null;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set (and nothing embedded starts); otherwise the embedded
 * PostgreSQL in CIVIC_DATA_DIR, started here and stopped by `stop`. Either way every
 * subgraph's roles are made (or their passwords reset) and its schema given to its
 * owner role, before anything migrates: see packages/shared/src/db/roles.ts. The
 * passwords are CIVIC_DB_PASSWORD_<NAME> and CIVIC_DB_OWNER_PASSWORD_<NAME> where
 * set (a deployment's, when seeding it), else derived from CIVIC_INTERNAL_SECRET,
 * which `npm start` holds anyway.
 */
export async function openDatabase(config: LaunchConfig): Promise<OpenedDatabase> {
  const rolePassword = rolePasswords(SUBGRAPHS, config.CIVIC_INTERNAL_SECRET);
  const opened = await openServer(config);
  try {
    await provisionDatabase(opened.url, SUBGRAPHS, rolePassword);
  } catch (error) {
    await opened.stop();
    throw new ConfigError(
      `cannot give each subgraph its own database roles (the DATABASE_URL role needs CREATEROLE and to own the database): ${(error as Error).message}`,
    );
  }
  return { ...opened, rolePassword };
}

async function openServer(config: LaunchConfig): Promise<{ url: string; stop(): Promise<void>; embedded: EmbeddedDatabase | null }> {
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
