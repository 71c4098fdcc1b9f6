import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { derivedRolePassword, freePort, provisionDatabase, SEED_SIZES, type SeedOptions, startEmbeddedPostgres } from '@civic/shared';
import { signToken } from '@civic/gateway/src/tokens';
import { startGraph } from '../graph/launch';
import { SUBGRAPHS } from '../graph/subgraphs';
import { compare } from './bench/compare';
import { drive } from './bench/load';
import { benchOperations } from './bench/operations';
import { measurePhysicalLimit } from './bench/physicalLimit';
import { answer } from './bench/sameData';
import { printLoadHeader, printLoadRow, printPhysicalLimit } from './bench/table';

/**
 * npm run bench [-- --duration 10 --connections 10[,50] --size demo|city|province --topology one|processes --as city-admin|public]
 *               [--compare [--rounds 3]] [--sql [--rounds 3]] [--operations DistrictDashboard,VeteranTeamPage]
 * Drives every operation in schema/operations/ (with the variables of its header,
 * and the district dashboard for a second district) through the gateway of a
 * freshly seeded graph (its own throw-away embedded PostgreSQL), as a city
 * administrator (`--as public`: anonymously, so every figure goes through
 * disclosure control, as the public dashboard's do), and prints throughput and latency percentiles. `--compare` drives
 * the same operations through Hive Gateway (JS and Rust planner) over the same
 * subgraphs instead (bench/compare.ts); `--sql` sets the dashboard's latency
 * against PostgreSQL's for the same figures (bench/physicalLimit.ts), ten samples
 * of each per round. Figures from one run compare with each other; across machines
 * or runs they do not. The launcher's options all go to the one startGraph call
 * below.
 */
const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-bench';
const INTERNAL_SECRET = 'bench-internal-secret-bench-internal-secret';

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      size: { type: 'string', default: 'demo' },
      topology: { type: 'string', default: 'one' },
      compare: { type: 'boolean', default: false },
      sql: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      operations: { type: 'string' },
      as: { type: 'string', default: 'city-admin' },
    },
  });
  if (!(SEED_SIZES as readonly string[]).includes(values.size)) throw new Error(`--size must be one of ${SEED_SIZES.join(', ')}`);
  if (!['city-admin', 'public'].includes(values.as)) throw new Error('--as must be city-admin or public');
  const wanted = values.operations?.split(',');
  const operations = benchOperations().filter((op) => !wanted || wanted.includes(op.name));
  if (operations.length === 0) throw new Error(`no operation in schema/operations/ is named ${values.operations}`);
  // `--connections 10,50`: a run at each, on the same seeded graph (a city seed takes minutes).
  const connectionCounts = values.connections.split(',').map(Number);
  if (connectionCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--connections must be a whole number, or several separated by commas');
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);

  const dir = mkdtempSync(path.join(tmpdir(), 'civic-bench-'));
  chmodSync(dir, 0o755); // as root the server runs as a `postgres` user
  // A free port: other benches and graphs may be running on the same machine.
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'civic', persistent: false });
  const rolePassword = (role: string) => derivedRolePassword(INTERNAL_SECRET, role);
  // Each subgraph on its own database roles, as npm start and a deployment run them.
  await provisionDatabase(database.url, SUBGRAPHS, rolePassword);
  const tokens = { secret: JWT_SECRET };
  const seeding = Date.now();
  const graph = await startGraph({
    databaseUrl: database.url,
    rolePassword,
    ports: 'free',
    tokens,
    internalSecret: INTERNAL_SECRET,
    subgraphTimeoutMs: 10_000,
    poolSize: 10,
    seed: { seed: 20261123, size: values.size as SeedOptions['size'] },
    topology: values.topology === 'processes' ? 'processes' : 'one',
    // Measure the graph's work, not the cache's: a cached dashboard costs nothing.
    responseCache: false,
  });
  try {
    console.log(`\n${values.size} size, started and seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);
    const token =
      values.as === 'public' ? null : await signToken({ sub: 'e0000000-0000-4000-8000-00000000be11', roles: ['CITY_ADMIN'], region: '35' }, JWT_SECRET);
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const ours = graph.gateway.url;
    if (values.compare) {
      const subgraphUrls = Object.fromEntries(graph.subgraphs.map((s) => [s.module.name, s.service.url]));
      await compare({
        ours,
        headers,
        subgraphs: graph.subgraphs,
        signing: { internalSecret: INTERNAL_SECRET, tokens, subgraphUrls },
        operations,
        connections: connectionCounts,
        duration,
        rounds,
      });
    }
    if (values.sql) {
      for (const op of operations.filter((o) => o.name === 'DistrictDashboard')) {
        printPhysicalLimit(
          await measurePhysicalLimit({ databaseUrl: database.url, graphUrl: ours, headers, op, subgraphs: graph.subgraphs, rounds: rounds * 10 }),
        );
      }
    }
    if (!values.compare && !values.sql) {
      for (const connections of connectionCounts) {
        printLoadHeader(connections);
        for (const op of operations) {
          const expected = (await answer(ours, headers, op)).text;
          printLoadRow(op.label, await drive(ours, headers, op, connections, duration, expected));
        }
      }
    }
  } finally {
    await graph.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
