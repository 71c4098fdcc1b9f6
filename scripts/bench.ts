import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '@civic/shared';
import { startGraph } from '../graph/launch';

/**
 * npm run bench [-- --duration 10 --connections 10 --size demo]
 * Drives the dashboard operations in schema/operations/ through the gateway of a
 * freshly seeded graph (its own throw-away embedded PostgreSQL) and prints
 * throughput and latency percentiles. Figures from one run compare with each
 * other; across machines or runs they do not.
 */
const OPERATIONS: { file: string; variables: Record<string, unknown> }[] = [
  { file: 'RegionTree.graphql', variables: { code: '3501' } },
  { file: 'DistrictDashboard.graphql', variables: { code: '350105' } },
  { file: 'DistrictDashboard.graphql', variables: { code: '350504' } },
];

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      size: { type: 'string', default: 'demo' },
    },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-bench-'));
  chmodSync(dir, 0o755); // as root the server runs as a `postgres` user
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 5499, database: 'civic', persistent: false });
  const graph = await startGraph({
    databaseUrl: database.url,
    ports: 'free',
    jwtSecret: 'bench-jwt-secret-bench-jwt-secret-bench',
    internalSecret: 'bench-internal-secret-bench-internal-secret',
    subgraphTimeoutMs: 10_000,
    poolSize: 10,
    seed: { seed: 20261123, size: values.size === 'city' ? 'city' : 'demo' },
  });
  try {
    console.log(`\n${'operation'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'p99 ms'.padStart(7)} errors`);
    for (const operation of OPERATIONS) {
      const query = readFileSync(path.join(__dirname, '..', 'schema', 'operations', operation.file), 'utf8');
      const result = await autocannon({
        url: graph.gateway.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: operation.variables }),
        connections: Number(values.connections),
        duration: Number(values.duration),
      });
      const label = `${operation.file.replace('.graphql', '')} ${JSON.stringify(operation.variables.code)}`;
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
