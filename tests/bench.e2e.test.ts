import { Client } from 'pg';
import { startTestGraph, TestGraph } from './harness';
import { startPeer, type Peer } from '../scripts/bench/peers';
import { benchOperations } from '../scripts/bench/operations';
import { ask, assertSameData, callsPerRequest } from '../scripts/bench/sameData';
import { dashboardFiguresFromSql, dashboardFiguresOfAnswer } from '../scripts/bench/dashboardSql';
import { recordOwnStatements, replay } from '../scripts/bench/ownSql';
import { settledCallCount } from '../scripts/bench/subgraphCalls';

/**
 * The checks `npm run bench -- --compare` and `--sql` rest on, without their
 * timings: a peer measured over our subgraphs must get its calls signed and answer
 * our data, and the SQL floor must compute the graph's own figures.
 */
const dashboard = benchOperations().find((op) => op.name === 'DistrictDashboard')!;

describe('npm run bench -- --compare / --sql', () => {
  let graph: TestGraph;
  let peer: Peer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
    const subgraphUrls = Object.fromEntries(graph.subgraphs.map((s) => [s.module.name, s.service.url]));
    peer = await startPeer('Hive Gateway (JS planner)', false, { internalSecret: graph.internalSecret, tokens: { secret: graph.jwtSecret }, subgraphUrls });
    // As the bench asks: a city administrator, who sees exact figures.
    headers = { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(['CITY_ADMIN'], '35')}` };
  }, 120_000);

  afterAll(async () => {
    await peer?.stop();
    await graph?.stop();
  });

  it('Hive Gateway, its subgraph calls signed by the plugin, answers the dashboard with the same data as the project gateway', async () => {
    const data = (await assertSameData(graph.url, peer, headers, dashboard)) as { region: { selfAndChildren: unknown[] } };
    expect(data.region.selfAndChildren.length).toBeGreaterThan(1);
    // Its calls reached the subgraphs (counted there) and were served, not refused.
    expect(await callsPerRequest(peer.url, headers, dashboard, graph.subgraphs, 1)).toBeGreaterThanOrEqual(5);
  });

  it('Hive Gateway makes every request its own subgraph calls, also when identical ones arrive together', async () => {
    // Its default shares a call among identical queries in flight, keyed before the
    // plugin signs the caller's identity: the peer must not (peers.ts).
    const one = await callsPerRequest(peer.url, headers, dashboard, graph.subgraphs, 1);
    const before = await settledCallCount(graph.subgraphs);
    await Promise.all(Array.from({ length: 4 }, () => ask(peer.url, headers, dashboard)));
    expect((await settledCallCount(graph.subgraphs)) - before).toBe(4 * one);
  });

  it("the minimal SQL computes the dashboard figures the graph answers, and the subgraphs' own statements replay directly", async () => {
    const client = new Client({ connectionString: graph.database.url });
    await client.connect();
    try {
      const answer = await ask(graph.url, headers, dashboard);
      const fromGraph = dashboardFiguresOfAnswer(answer);
      expect(Object.keys(fromGraph).length).toBeGreaterThan(1);
      expect(Object.values(fromGraph).some((f) => f.elders > 0 && f.veterans > 0 && f.assessments > 0)).toBe(true);
      expect(await dashboardFiguresFromSql(client, String(dashboard.variables.code))).toEqual(fromGraph);

      const own = await recordOwnStatements(graph.subgraphs, () => ask(graph.url, headers, dashboard));
      expect(own.map((s) => s.subgraph).sort()).toEqual(['assessments', 'directory', 'elder-care', 'neighbour-stations', 'veteran-volunteers']);
      await replay(client, own);
    } finally {
      await client.end();
    }
  });
});
