import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded';
import { freePort } from '../ports';

/**
 * The child process of startSecondServer (secondServer.ts): starts a throw-away
 * embedded PostgreSQL, prints its URL as one JSON line, and stops it (deleting its
 * files) when its standard input closes, which also happens when the test run dies.
 */
async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-second-'));
  // As root, the server runs as a `postgres` user that must reach its folder.
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    database: 'civic',
    persistent: false,
    callerHandlesSignals: true,
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, socketUrl: server.socketUrl })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    server.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
