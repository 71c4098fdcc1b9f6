import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEV_JWT_SECRET, freePort } from '@civic/shared';
import { signToken } from '@civic/gateway/src/tokens';
import { readOperations } from '@civic/gateway/src/web/operations';

/**
 * npx tsx scripts/bench-hops.ts --data DIR --pg-port N [--operation DistrictDashboard]
 *   [--duration 5 | --amount N] [--connections 10] [--rounds 1] [--cpu-prof DIR] [-- …npm start's own options]
 * One operation, driven through a real `npm start` (the launcher as a user runs it:
 * embedded PostgreSQL in DIR, seeded on first use and reused after), for `rounds`
 * short runs, each printed as one JSON line: for interleaved A/B rounds of the
 * launcher's own options (`-- --topology processes`) or of two checkouts run in
 * turn on the same data folder. `npm run bench` measures every operation; this
 * measures one, the way profiling (`NODE_OPTIONS=--cpu-prof`) needs.
 */
const ROOT = path.join(__dirname, '..');
const READY = /^civic graph ready: (\S+)$/m;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'pg-port': { type: 'string' },
      operation: { type: 'string', default: 'DistrictDashboard' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
      amount: { type: 'string' },
      label: { type: 'string', default: '' },
      /** a folder: the graph runs under `node --cpu-prof`, its profile written there when it stops */
      'cpu-prof': { type: 'string' },
    },
  });
  if (!values.data || !values['pg-port']) throw new Error('--data and --pg-port are required');
  const operation = readOperations().find((op) => op.name === values.operation);
  if (!operation) throw new Error(`no operation ${values.operation} in schema/operations/`);
  const token = await signToken({ sub: 'e0000000-0000-4000-8000-00000000be11', roles: ['CITY_ADMIN'], region: '35' }, DEV_JWT_SECRET);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = JSON.stringify({ query: operation.query, variables: JSON.parse(operation.variables) });
  for (let round = 0; round < Number(values.rounds); round++) {
    const port = await freePort();
    // With --cpu-prof, what `npm start` runs, under node's profiler (NODE_OPTIONS may not carry it).
    const profiled = values['cpu-prof']
      ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`, '--import', 'tsx', 'scripts/start.ts']]
      : null;
    const [command, args] = (profiled ?? ['npm', ['start', '--']]) as [string, string[]];
    const child = spawn(command, [...args, ...positionals], {
      cwd: ROOT,
      env: { ...process.env, CIVIC_DATA_DIR: values.data, CIVIC_PG_PORT: values['pg-port'], CIVIC_PORTS: 'free', PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const found = READY.exec(out);
        if (found) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
    });
    try {
      const probe = (await (await fetch(url, { method: 'POST', headers, body })).json()) as { errors?: unknown[] };
      if (probe.errors) throw new Error(`${values.operation} answers with errors: ${JSON.stringify(probe.errors)}`);
      // A short warm-up: plans cached, pools and connections open.
      await autocannon({ url, method: 'POST', headers, body, connections: Number(values.connections), amount: 2 * Number(values.connections) });
      const before = { graph: treeCpuMs(child.pid!), database: treeCpuMs(postmasterPid(values.data)) };
      // --amount: a fixed number of requests however long they take (a loaded machine); else --duration seconds.
      const amount = values.amount ? { amount: Number(values.amount) } : { duration: Number(values.duration) };
      const result = await autocannon({ url, method: 'POST', headers, body, connections: Number(values.connections), timeout: 60, ...amount });
      const requests = result.requests.total;
      const perRequest = (now: number, then: number) => Math.round(((now - then) / requests) * 100) / 100;
      console.log(
        JSON.stringify({
          label: values.label,
          operation: values.operation,
          connections: Number(values.connections),
          rps: Math.round(result.requests.average * 10) / 10,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.non2xx,
          // CPU time per request, of the graph's processes and of PostgreSQL's: far steadier than throughput on a shared machine.
          graphCpuMs: perRequest(treeCpuMs(child.pid!), before.graph),
          databaseCpuMs: perRequest(treeCpuMs(postmasterPid(values.data)), before.database),
        }),
      );
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** CPU time (user + system) of a process and everything below it, in ms, from /proc (Linux). */
function treeCpuMs(root: number): number {
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // Fields after the command's closing parenthesis: state ppid … utime (14th) stime (15th).
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return []; // gone meanwhile
      }
    });
  const inTree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const stat of stats) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  // Clock ticks are 1/100 s on Linux.
  return stats.filter((stat) => inTree.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks * 10, 0);
}

/** The embedded server's postmaster (its backends are its children). */
const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
