import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '@civic/shared';
import { SUBGRAPHS } from '../graph/subgraphs';

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
  /** the first line of stdout that matches (bounded) */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
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
      const timer = setTimeout(() => reject(new Error(`npm start: ${what} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
      promise.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (error: Error) => (clearTimeout(timer), reject(error)),
      );
    });
  const line = (pattern: RegExp, timeoutMs: number, what: string) =>
    within(
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = stdout.split('\n').find((l) => pattern.test(l));
          if (found !== undefined) {
            child.stdout!.off('data', check);
            resolve(found);
          }
        };
        child.stdout!.on('data', check);
        check();
        void exit.then((code) => reject(new Error(`npm start exited (${code}) before it ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
      }),
      timeoutMs,
      what,
    );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited: (timeoutMs = 30_000) => within(exit, timeoutMs, 'did not exit'),
    ready: (timeoutMs = 60_000) => line(READY, timeoutMs, 'was ready').then((found) => READY.exec(found)![1]),
    line: (pattern, timeoutMs = 60_000) => line(pattern, timeoutMs, `printed ${pattern}`),
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

const DASHBOARD = readFileSync(path.join(ROOT, 'schema', 'operations', 'DistrictDashboard.graphql'), 'utf8');

/** One DistrictDashboard, as the dashboard page sends it: the answer, or how the connection failed. */
async function dashboard(url: string): Promise<{ status: number | string; elders?: number; stations?: boolean; errors?: unknown }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DASHBOARD, variables: { code: '350105' } }),
    });
    const body = (await response.json()) as any;
    const district = body.data?.region?.selfAndChildren?.[0];
    // the stations' count of 马尾区 is withheld from an anonymous caller (disclosure control): that the figures came is what counts here
    return { status: response.status, elders: district?.elderCare?.elders, stations: Boolean(district?.stationStats), errors: body.errors };
  } catch (error) {
    return { status: String((error as any).cause?.code ?? error) };
  }
}

/** The graph's connections to the embedded server (application_name civic-…), by how they came: over TCP or over its Unix socket. */
async function graphConnections(pgPort: number): Promise<{ tcp: number; socket: number }> {
  const client = new Client({ connectionString: `postgres://civic:civic@127.0.0.1:${pgPort}/civic` });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE client_port <> -1)::int AS tcp, count(*) FILTER (WHERE client_port = -1)::int AS socket
       FROM pg_stat_activity WHERE application_name LIKE 'civic-%'`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Error-level log lines (pino level 50 and up) or stack traces in what a run printed. */
const errorLines = (output: string) => output.split('\n').filter((line) => /"level":(5|6)\d/.test(line) || /^\s+at /.test(line));

describe('npm start', () => {
  let temp: string;
  /** one data folder for the signal tests: the first seeds it, the others reuse it */
  let shared: { dataDir: string; pgPort: number } | undefined;
  const sharedData = async () => (shared ??= { dataDir: path.join(temp, 'shared'), pgPort: await freePort() });
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

  it('when a user starts it on a fresh data folder, then the seeded graph answers; when sent SIGTERM, then everything stops; when restarted, then nothing is seeded twice', async () => {
    const dataDir = path.join(temp, 'postgres');
    const pgPort = await freePort();
    const env = { CIVIC_DATA_DIR: dataDir, CIVIC_PG_PORT: String(pgPort), CIVIC_PORTS: 'free', PORT: '0', LOG_LEVEL: 'warn' };

    // At info, as a user sees it: the seed says what it does.
    const first = npmStart({ ...env, LOG_LEVEL: 'info' });
    const seeding = await first.line(/"msg":"gateway listening; seeding/, 60_000);
    const early = JSON.parse(seeding).url as string;
    // The gateway listens while the seed runs (seconds here, minutes for a city) and says so.
    const readiness = await fetch(`${early}readyz`);
    expect({ status: readiness.status, body: await readiness.json() }).toEqual({
      status: 503,
      body: { status: 'unavailable', service: 'gateway', reason: 'seeding' },
    });
    const url = await first.ready();
    expect(url).toBe(early);
    // The seed's last line: pino writes asynchronously, so it may follow the banner.
    await first.line(/"msg":"seeded \d+ subgraphs in/, 10_000);
    const logged = first
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    for (const subgraph of SUBGRAPHS.map((m) => m.name)) {
      const done = logged.find((l) => l.service === 'seed' && l.subgraph === subgraph && l.step === 'seed' && typeof l.rows === 'number');
      expect({ subgraph, rows: done?.rows > 0, seconds: typeof done?.seconds }).toEqual({ subgraph, rows: true, seconds: 'number' });
    }
    expect(logged.find((l) => l.subgraph === 'directory' && /^person \d+ of \d+$/.test(l.step))).toMatchObject({
      rows: expect.any(Number),
      seconds: expect.any(Number),
    });
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
    // The subgraphs' pools reach the embedded server through its Unix socket (client_port -1), none over TCP.
    expect((await dashboard(url)).status).toBe(200);
    expect(await graphConnections(pgPort)).toEqual({ tcp: 0, socket: expect.any(Number) });
    expect((await graphConnections(pgPort)).socket).toBeGreaterThan(0);

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
    expect({ firstExit, secondExit }).toEqual({ firstExit: 0, secondExit: 0 });
  }, 150_000);

  it.each([
    ['SIGTERM to npm', (child: ChildProcess) => child.kill('SIGTERM')],
    // Ctrl-C in a terminal: the whole foreground process group, npm, node and (were it there) PostgreSQL.
    ['SIGINT to the process group (Ctrl-C)', (child: ChildProcess) => process.kill(-child.pid!, 'SIGINT')],
  ])(
    'when it gets %s with 10 dashboards in flight, then all 10 are answered with figures, it exits 0 and leaves no process or port',
    async (_how, signal) => {
      const { dataDir, pgPort } = await sharedData();
      const port = await freePort();
      const run = npmStart({ CIVIC_DATA_DIR: dataDir, CIVIC_PG_PORT: String(pgPort), CIVIC_PORTS: 'free', PORT: String(port), LOG_LEVEL: 'warn' });
      const url = await run.ready(120_000);
      // PORT is honoured with CIVIC_PORTS=free: only the subgraphs move to free ports.
      expect(new URL(url).port).toBe(String(port));
      const ready = await fetch(`${url}readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', service: 'gateway' } });

      const answers = Promise.all(Array.from({ length: 10 }, () => dashboard(url)));
      // Let them leave this process; the graph lets in what was sent before the signal.
      await new Promise((resolve) => setTimeout(resolve, 50));
      signal(run.child);
      const results = await answers;
      const code = await run.exited();

      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      for (const result of results) {
        expect(result.errors).toBeUndefined();
        expect(result.elders).toBeGreaterThan(0);
        expect(result.stations).toBe(true);
      }
      expect(code).toBe(0);
      expect(run.stdout()).toMatch(/SIG(TERM|INT): stopping/);
      expect(errorLines(run.stdout() + run.stderr())).toEqual([]);
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
      expect(await accepts('127.0.0.1', port)).toBe(false);
      expect(await accepts('127.0.0.1', pgPort)).toBe(false);
    },
    180_000,
  );

  it('when a second npm start is run beside a running one, then it says so in one line and exits 1, and the first keeps serving', async () => {
    const { dataDir, pgPort } = await sharedData();
    const env = { CIVIC_DATA_DIR: dataDir, CIVIC_PG_PORT: String(pgPort), CIVIC_PORTS: 'free', PORT: '0', LOG_LEVEL: 'warn' };
    const first = npmStart(env);
    const url = await first.ready(120_000);

    const programLines = (run: NpmStart) =>
      run
        .stderr()
        .split('\n')
        .filter((line) => line.trim() && !/^npm warn /.test(line));
    // The same data folder: its PostgreSQL is running.
    const sameData = npmStart(env);
    expect(await sameData.exited()).toBe(1);
    expect(programLines(sameData)).toEqual([expect.stringMatching(/^npm start: the database in .* is already in use by PostgreSQL \(pid \d+, port \d+\)/)]);
    // Its own data folder, but the first one's gateway port.
    const samePort = npmStart({ ...env, CIVIC_DATA_DIR: path.join(temp, 'other'), CIVIC_PG_PORT: String(await freePort()), PORT: new URL(url).port });
    expect(await samePort.exited()).toBe(1);
    expect(programLines(samePort)).toEqual([
      `npm start: port ${new URL(url).port} (gateway) already in use: is another npm start running? CIVIC_PORTS=free runs a second copy on free ports`,
    ]);
    expect(existsSync(path.join(temp, 'other'))).toBe(false);

    expect((await dashboard(url)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
  }, 180_000);

  it('when DATABASE_URL names a database that is not there, then it exits non-zero with one line naming DATABASE_URL', async () => {
    const password = 'not-for-printing-5ecret';
    const run = npmStart({ DATABASE_URL: `postgres://civic:${password}@127.0.0.1:${await freePort()}/civic`, LOG_LEVEL: 'warn' });
    const code = await run.exited();
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    // npm's own configuration warnings are not the program's output.
    const lines = run
      .stderr()
      .split('\n')
      .filter((line) => line.trim() && !/^npm warn /.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DATABASE_URL');
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(run.stderr() + run.stdout()).not.toContain(password);
  });
});
