import { parse } from 'graphql';
import type { SubgraphModule } from './subgraphModule';
import { idempotencyKeyMigration } from './write/keyTable';
import { startSubgraphHarness } from './testing/subgraphHarness';
import { recordStatements } from './testing/statements';

const SCHEMA = 'jobs_test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a subgraph's background jobs", () => {
  it('when it serves, then its jobs run; when it stops, then they stop before the pool closes', async () => {
    const seen: string[] = [];
    const module: SubgraphModule = {
      name: 'jobs-test',
      dbSchema: SCHEMA,
      defaultPort: 0,
      entities: [],
      migrations: [idempotencyKeyMigration(SCHEMA, 1796860800001)],
      definition: () => ({
        name: 'jobs-test',
        typeDefs: parse('type Query { ping: String }'),
        resolvers: { Query: { ping: () => 'pong' } },
        createContext: () => ({}),
      }),
      jobs: [{ name: 'tick', everyMs: 5, run: async (db) => seen.push((await db.query('SELECT 1 AS one'))[0].one) }],
    };
    const harness = await startSubgraphHarness(module);
    const log = recordStatements(harness.db);
    // Waits for the first run (a loaded machine may take long to get there), never a fixed time.
    for (let i = 0; i < 200 && seen.length === 0; i++) await sleep(25);
    expect(seen.length).toBeGreaterThan(0);
    // A test counting a request's statements does not hear the jobs running beside it.
    await harness.db.query('/* theRequests */ SELECT 1');
    expect(log.countByName()).toEqual({ theRequests: 1 });
    log.stop();
    await harness.stop();
    const runs = seen.length;
    await sleep(50);
    // A job still ticking would have run against the destroyed pool (and logged or thrown).
    expect(seen.length).toBe(runs);
  });
});
