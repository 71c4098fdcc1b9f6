import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the gateway, answering the one question the station registry asks
 * the graph (`organization(id)`): only the organisations a test adds are known.
 */
export async function startOrganizationsGateway() {
  const known = new Set<string>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(raw) as { variables: { id: string } };
      const organization = known.has(variables.id) ? { id: variables.id } : null;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { organization } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    known,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
