import { randomBytes } from 'node:crypto';
import { startSubgraph, StartedSubgraph, SubgraphModule } from '@civic/shared';
import { createEmptyTestDatabase, TestDatabase, withAdminClient } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

/** Two replicas of one subgraph, as a deployment scaled to two starts them: at once. */
async function startTwo(module: SubgraphModule, url: string): Promise<PromiseSettledResult<StartedSubgraph>[]> {
  const start = () =>
    startSubgraph(module, { database: { url }, port: 0, secret: randomBytes(32).toString('base64url'), poolSize: 2, gatewayUrl: 'http://127.0.0.1:9/' });
  return Promise.allSettled([start(), start()]);
}

describe('migrations under a lock', () => {
  const databases: TestDatabase[] = [];
  const started: StartedSubgraph[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it.each(SUBGRAPHS.map((m) => [m.name, m] as const))(
    'when two instances of %s start together on an empty database, then both come up ready and each migration ran once',
    async (_name: string, module: SubgraphModule) => {
      const database = await createEmptyTestDatabase();
      databases.push(database);
      const results = await startTwo(module, database.url);
      for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'started'))).toEqual(['started', 'started']);

      const [first] = started.slice(-2);
      const rows: { name: string; runs: number }[] = await first.dataSource.query(
        `SELECT name, count(*)::int AS runs FROM "${module.dbSchema}".migrations GROUP BY name ORDER BY name`,
      );
      expect(rows).toHaveLength(first.dataSource.migrations.length);
      expect(rows.every((r) => r.runs === 1)).toBe(true);
      for (const instance of started.slice(-2)) {
        const response = await fetch(`${instance.service.url}readyz`);
        expect({ status: response.status, body: await response.json() }).toEqual({
          status: 200,
          body: { status: 'ready', service: module.name },
        });
      }
      // Both released their locks: nothing of the graph's is held any more.
      const held = await withAdminClient(database.url, (c) =>
        c.query(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        ),
      );
      expect(held.rows[0].n).toBe(0);
    },
  );
});
