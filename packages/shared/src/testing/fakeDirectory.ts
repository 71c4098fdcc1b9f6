import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the gateway answering the one question elder care and veteran
 * volunteers ask it (`personOnRecord(id) { id birthYear }`, shared/people.ts): a
 * person is known when a test adds them, with their year of birth.
 */
export async function startFakeDirectory() {
  const people = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(raw) as { variables: { id: string } };
      const personOnRecord = people.has(variables.id) ? { id: variables.id, birthYear: people.get(variables.id) } : null;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { personOnRecord } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** adds a person the directory knows, born in `birthYear` */
    add: (id: string, birthYear = 1940) => people.set(id, birthYear),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeDirectory = Awaited<ReturnType<typeof startFakeDirectory>>;
