import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  query: string;
  variables: Record<string, any>;
}

/**
 * A stand-in for the gateway in a subgraph's own tests: a real HTTP server on a free
 * port that answers each GraphQL request with `data` from `answer`. How a subgraph
 * test meets the questions it asks the graph (`queryGraph`) without the whole graph.
 */
export async function startStandInGateway(answer: (request: StandInRequest) => unknown) {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const data = answer(JSON.parse(raw) as StandInRequest);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
