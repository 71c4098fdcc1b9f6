import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the gateway, answering the one question this subgraph asks the
 * graph (`elderRegistered`): every elder is known except those a test marks unknown.
 */
export async function startFakeGateway() {
  const unknown = new Set<string>();
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(raw);
      asked.push(variables.id);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { elderRegistered: !unknown.has(variables.id) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    unknown,
    asked,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
