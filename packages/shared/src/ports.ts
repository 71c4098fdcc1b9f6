import { createServer } from 'node:net';

/** A port nothing listens on right now (the OS picks it), for servers a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A port another process listens on: one line, exit 1 (see isStartupError). */
export class PortInUseError extends Error {}

/**
 * Fails with one line naming every port of `wanted` that something already
 * listens on, before anything starts (a second `npm start` beside the first).
 */
export async function assertPortsFree(wanted: { port: number; service: string }[], host = '127.0.0.1'): Promise<void> {
  const taken: string[] = [];
  for (const { port, service } of wanted) {
    if (port === 0) continue;
    if (!(await portIsFree(port, host))) taken.push(`${port} (${service})`);
  }
  if (taken.length) {
    throw new PortInUseError(`port ${taken.join(', ')} already in use: is another npm start running? CIVIC_PORTS=free runs a second copy on free ports`);
  }
}

/** true when nothing listens on the port at `host`. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}
