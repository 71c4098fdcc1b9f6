import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { derivedRolePassword, provisionDatabase, startEmbeddedPostgres } from '@civic/shared';
import { readOperations } from '@civic/gateway/src/web/operations';
import { signToken } from '@civic/gateway/src/tokens';
import { startGraph } from '../graph/launch';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * npm run bench [-- --duration 10 --connections 10 --size demo]
 * Drives every operation in schema/operations/ (with the variables of its header,
 * and the district dashboard for a second district) through the gateway of a
 * freshly seeded graph (its own throw-away embedded PostgreSQL), as a city
 * administrator, and prints throughput and latency percentiles. Figures from one
 * run compare with each other; across machines or runs they do not.
 */
const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-bench';
const OPERATIONS = readOperations().flatMap((op) => {
  const variables: Record<string, unknown> = JSON.parse(op.variables);
  const runs = [{ name: op.name, query: op.query, variables }];
  if (op.name === 'DistrictDashboard') runs.push({ ...runs[0], variables: { code: '350504' } });
  return runs;
});

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      size: { type: 'string', default: 'demo' },
      topology: { type: 'string', default: 'one' },
    },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-bench-'));
  chmodSync(dir, 0o755); // as root the server runs as a `postgres` user
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 5499, database: 'civic', persistent: false });
  const internalSecret = 'bench-internal-secret-bench-internal-secret';
  const rolePassword = (role: string) => derivedRolePassword(internalSecret, role);
  // Each subgraph on its own database roles, as npm start and a deployment run them.
  await provisionDatabase(database.url, SUBGRAPHS, rolePassword);
  const graph = await startGraph({
    databaseUrl: database.url,
    rolePassword,
    ports: 'free',
    tokens: { secret: JWT_SECRET },
    internalSecret,
    subgraphTimeoutMs: 10_000,
    poolSize: 10,
    seed: { seed: 20261123, size: values.size === 'city' ? 'city' : 'demo' },
    topology: values.topology === 'processes' ? 'processes' : 'one',
  });
  try {
    const token = await signToken({ sub: 'e0000000-0000-4000-8000-00000000be11', roles: ['CITY_ADMIN'], region: '35' }, JWT_SECRET);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    console.log(`\n${'operation'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'p99 ms'.padStart(7)} errors`);
    for (const operation of OPERATIONS) {
      const body = JSON.stringify({ query: operation.query, variables: operation.variables });
      // GraphQL errors arrive with HTTP 200, which autocannon would count as success.
      const probe = (await (await fetch(graph.gateway.url, { method: 'POST', headers, body })).json()) as { errors?: unknown[] };
      if (probe.errors) throw new Error(`${operation.name} answers with errors: ${JSON.stringify(probe.errors)}`);
      const result = await autocannon({
        url: graph.gateway.url,
        method: 'POST',
        headers,
        body,
        connections: Number(values.connections),
        duration: Number(values.duration),
      });
      const label = `${operation.name} ${Object.values(operation.variables).join(' ')}`.slice(0, 36);
      console.log(
        `${label.padEnd(36)} ${result.requests.average.toFixed(0).padStart(8)} ${String(result.latency.p50).padStart(7)} ` +
          `${String(result.latency.p90).padStart(7)} ${String(result.latency.p99).padStart(7)} ${result.errors + result.non2xx}`,
      );
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
