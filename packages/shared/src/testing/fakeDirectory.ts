import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the gateway answering the one question elder care and veteran
 * volunteers ask it (`person(id) { id birthDate }`, shared/people.ts): a person is
 * known when a test adds them, with their birth date.
 */
export async function startFakeDirectory() {
  const people = new Map<string, string | null>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(raw) as { variables: { id: string } };
      const person = people.has(variables.id) ? { id: variables.id, birthDate: people.get(variables.id) ?? null } : null;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { person } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** adds a person the directory knows, born on `birthDate` (ISO) */
    add: (id: string, birthDate: string | null = '1940-05-01') => people.set(id, birthDate),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeDirectory = Awaited<ReturnType<typeof startFakeDirectory>>;
