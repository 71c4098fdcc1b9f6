import { startTestGraph, TestGraph } from './harness';
import { startPeer, type Peer } from '../scripts/bench/peers';
import { benchOperations } from '../scripts/bench/operations';
import { assertSameData, callsPerRequest } from '../scripts/bench/sameData';

const dashboard = benchOperations().find((op) => op.name === 'DistrictDashboard')!;

describe('npm run bench -- --compare / --sql', () => {
  let graph: TestGraph;
  let peer: Peer;
  let headers: Record<string, string>;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
    const subgraphUrls = Object.fromEntries(graph.subgraphs.map((s) => [s.module.name, s.service.url]));
    peer = await startPeer('Hive Gateway (JS planner)', false, { internalSecret: graph.internalSecret, tokens: { secret: graph.jwtSecret }, subgraphUrls });
    headers = { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(['CITY_ADMIN'], '35')}` };
  }, 120_000);

  afterAll(async () => {
    await peer?.stop();
    await graph?.stop();
  });

  it('Hive Gateway signs its subgraph calls with the plugin and answers the dashboard with the same data', async () => {
    const data = (await assertSameData(graph.url, peer, headers, dashboard)) as { region: { selfAndChildren: unknown[] } };
    expect(data.region.selfAndChildren.length).toBeGreaterThan(1);
    expect(await callsPerRequest(peer.url, headers, dashboard, graph.subgraphs, 1)).toBeGreaterThan(0);
    console.log(
      await callsPerRequest(graph.url, headers, dashboard, graph.subgraphs, 1),
      await callsPerRequest(peer.url, headers, dashboard, graph.subgraphs, 1),
    );
  });
});
