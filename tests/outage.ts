import { createServer, type Server } from 'node:http';
import { replayGuard, serveSubgraph, subgraphSecret } from '@civic/shared';
import type { TestGraph } from './harness';

/** How a subgraph is made to fail: its HTTP service stopped, or frozen (it accepts and never answers). */
export type Outage = 'stopped' | 'frozen';

/**
 * Takes one subgraph of a running test graph out, as an operator would see it
 * fail: 'stopped' stops its HTTP service (connections are refused); 'frozen'
 * then listens on its port with a server that accepts every request and never
 * answers, as a hung process does, so the gateway gives up after its timeout.
 * The returned function brings the real subgraph back on the same port (the
 * gateway knows it by that URL), on the same database pool, and stops it again
 * when the graph stops.
 */
export async function takeDown(graph: TestGraph, name: string, how: Outage): Promise<() => Promise<void>> {
  const subgraph = graph.subgraphs.find((s) => s.module.name === name);
  if (!subgraph) throw new Error(`no subgraph ${name}`);
  const { port } = subgraph.service;
  await subgraph.service.stop();
  let silent: Server | undefined;
  if (how === 'frozen') {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve, reject) => silent!.once('error', reject).listen(port, '127.0.0.1', resolve));
  }
  return async () => {
    if (silent) {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent!.close(() => resolve()));
    }
    const secret = subgraphSecret(graph.internalSecret, name);
    const service = await serveSubgraph(subgraph.module.definition(subgraph.dataSource, { gatewayUrl: graph.url, credentials: { name, secret } }), {
      port,
      secret,
      // The same table of claimed request ids as the service it replaces.
      replayGuard: replayGuard(subgraph.dataSource, subgraph.module.dbSchema),
    });
    // The graph's own stop() holds the first service; this one is stopped in its place.
    subgraph.service = service;
    const stopGraph = graph.stop;
    graph.stop = async () => {
      await service.stop();
      await stopGraph();
    };
  };
}
