import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the gateway, answering the two questions the station registry asks
 * the graph: `organization(id)` (only the organisations a test adds are known) and
 * `region(code)` (every 12-digit code is a community except those a test marks unknown).
 */
export async function startDirectoryGateway() {
  const organizations = new Set<string>();
  const unknownCommunities = new Set<string>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(raw) as { query: string; variables: { id?: string; code?: string } };
      const data = query.includes('StationCommunity')
        ? { region: unknownCommunities.has(variables.code as string) ? null : { level: 'COMMUNITY' } }
        : { organization: organizations.has(variables.id as string) ? { id: variables.id } : null };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    organizations,
    unknownCommunities,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
