import path from 'node:path';
import { assertDatabaseReachable, ConfigError, EmbeddedDatabase, provisionDatabase, serviceLogger, startEmbeddedPostgres } from '@civic/shared';
import type { LaunchConfig } from './config';
import { rolePasswords } from './rolePasswords';
import { SUBGRAPHS } from './subgraphs';

export const REPO_ROOT = path.join(__dirname, '..');
const logger = serviceLogger('database');

export interface OpenedDatabase {
  /** the administrator's URL of the server a subgraph's data lives on (its DATABASE_URL_<NAME>, DATABASE_URL, or the embedded superuser's) */
  urlOf(subgraph: string): string;
  /** the password of each subgraph's roles, as provisioned */
  rolePassword: (role: string) => string;
  embedded: EmbeddedDatabase | null;
  stop(): Promise<void>;
}

/**
 * Each subgraph's server: DATABASE_URL_<NAME> or DATABASE_URL when set, over TCP as
 * given (nothing embedded starts unless some subgraph has neither); otherwise the
 * embedded PostgreSQL in CIVIC_DATA_DIR, started here and stopped by `stop`, which
 * every pool reaches through its Unix socket (EmbeddedDatabase.socketUrl). On every server,
 * the roles of the subgraphs it holds are made (or their passwords reset) and their
 * schemas given to their owners, before anything migrates: see
 * packages/shared/src/db/roles.ts. The passwords are CIVIC_DB_PASSWORD_<NAME> and
 * CIVIC_DB_OWNER_PASSWORD_<NAME> where set (a deployment's, when seeding it), else
 * derived from CIVIC_INTERNAL_SECRET, which `npm start` holds anyway.
 */
export async function openDatabase(config: LaunchConfig): Promise<OpenedDatabase> {
  const rolePassword = rolePasswords(SUBGRAPHS, config.CIVIC_INTERNAL_SECRET);
  const needsEmbedded = SUBGRAPHS.some((m) => !config.databases[m.name]?.url);
  const embedded = needsEmbedded ? await startEmbedded(config) : null;
  // On the same machine, through the embedded server's Unix socket: no TCP in each round trip.
  const embeddedUrl = embedded ? (embedded.socketUrl ?? embedded.url) : undefined;
  const urlOf = (subgraph: string) => config.databases[subgraph]?.url ?? embeddedUrl!;
  const stop = async () => {
    await embedded?.stop();
  };
  try {
    for (const [url, subgraphs] of byServer(SUBGRAPHS, urlOf)) {
      if (url !== embeddedUrl) await assertDatabaseReachable(url);
      try {
        await provisionDatabase(url, subgraphs, rolePassword);
      } catch (error) {
        throw new ConfigError(
          `cannot give each subgraph its own database roles (the DATABASE_URL role needs CREATEROLE and to own the database): ${(error as Error).message}`,
        );
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urlOf, rolePassword, embedded, stop };
}

/** The subgraphs grouped by the server (administrator URL) their data lives on, in registry order. */
export function byServer<T extends { name: string }>(subgraphs: T[], urlOf: (subgraph: string) => string): Map<string, T[]> {
  const servers = new Map<string, T[]>();
  for (const subgraph of subgraphs) servers.set(urlOf(subgraph.name), [...(servers.get(urlOf(subgraph.name)) ?? []), subgraph]);
  return servers;
}

async function startEmbedded(config: LaunchConfig): Promise<EmbeddedDatabase> {
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(REPO_ROOT, config.CIVIC_DATA_DIR),
    port: config.CIVIC_PG_PORT,
    database: 'civic',
    callerHandlesSignals: true,
    onLog: (line) => logger.debug(line),
  });
  logger.info({ dataDir: config.CIVIC_DATA_DIR, port: config.CIVIC_PG_PORT }, 'embedded PostgreSQL started');
  return embedded;
}
