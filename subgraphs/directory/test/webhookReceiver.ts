import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a partner's endpoint took, as it arrived. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  status: number;
}

/**
 * A partner's endpoint on this machine for a test: it answers each request with the
 * status `answer` gives (per webhook-id and how many times that id came), keeps every
 * request, and `accepted()` counts the ids it took (a 2xx) once, as a partner deduping
 * by webhook-id does.
 */
export async function startReceiver(answer: (id: string, nth: number) => number | Promise<number> = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const receive = async () => {
      const id = String(req.headers['webhook-id']);
      const nth = received.filter((r) => r.id === id).length + 1;
      const status = await answer(id, nth);
      received.push({
        id,
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      res.writeHead(status).end();
    };
    // A failing answer is a 500 to the sender, not an unhandled rejection in the test run.
    req.on('end', () => void receive().catch(() => res.writeHead(500).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    accepted: () => new Set(received.filter((r) => r.status < 300).map((r) => r.id)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
