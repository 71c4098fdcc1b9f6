import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@civic/shared';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * Issue 15.3: `npm start -- --topology processes` (CIVIC_TOPOLOGY=processes) runs
 * each subgraph and the gateway in a Node process of its own, with the same
 * readiness, answers and orderly stop as the one-process default (tests/start.e2e.test.ts).
 */
const ROOT = path.join(__dirname, '..');
const READY = /^civic graph ready: (\S+)$/m;
const DASHBOARD = readFileSync(path.join(ROOT, 'schema', 'operations', 'DistrictDashboard.graphql'), 'utf8');

/** The pids of live processes whose parent is `parent` and whose command line mentions `text`. */
function childrenMentioning(parent: number, text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return ppid === parent && args.includes(text) ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start -- --topology processes', () => {
  let temp: string;
  let child: ChildProcess | undefined;
  beforeAll(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'civic-topology-'));
    chmodSync(temp, 0o755);
  });
  afterAll(() => {
    if (child && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(temp, { recursive: true, force: true });
  });

  it('when started with --topology processes, then each service runs in its own process, a dashboard is answered with figures, and SIGTERM stops every process', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CIVIC_DATA_DIR: path.join(temp, 'pg'),
      CIVIC_PG_PORT: String(await freePort()),
      CIVIC_PORTS: 'free',
      PORT: '0',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    delete env.NODE_ENV;
    child = spawn('npm', ['start', '--', '--topology', 'processes'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = READY.exec(out);
        if (found) resolve(found[1]);
      };
      child!.stdout!.on('data', check);
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`)));
    });

    // npm execs node (npm start: exec node …): the launcher is npm's child, or npm itself.
    const launcher = [child.pid!, ...childrenMentioning(child.pid!, 'scripts/start.ts')].find((pid) => childrenMentioning(pid, 'serviceProcess.ts').length)!;
    const services = childrenMentioning(launcher, 'serviceProcess.ts');
    expect(services).toHaveLength(SUBGRAPHS.length + 1);

    const ready = await fetch(`${url}readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', service: 'gateway' } });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DASHBOARD, variables: { code: '350105' } }),
    });
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.region.selfAndChildren[0].elderCare.elders).toBeGreaterThan(0);

    child.kill('SIGTERM');
    const code = await exited;
    expect(out).toContain('SIGTERM: stopping');
    expect(services.filter(alive)).toEqual([]);
    expect(code).toBe(0);
  }, 400_000);
});
