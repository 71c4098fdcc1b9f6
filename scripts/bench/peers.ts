import { readFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUPERGRAPH_FILE } from '@civic/gateway/src/config';
import { signingPlugin, type SigningOptions } from './signingPlugin';
import { hiveGateway, rustPlanner } from './hive';

/** A gateway the bench drives beside the project's own, over the same running subgraphs. */
export interface Peer {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** The peers of `--compare`: Hive Gateway with its JS planner, and with the Rust planner. */
export const PEERS = [
  { name: 'Hive Gateway (JS planner)', rust: false },
  { name: 'Hive Gateway + Rust planner', rust: true },
] as const;

/**
 * The checked-in supergraph with each subgraph's URL replaced by where it runs now
 * (the bench's subgraphs listen on free ports, not the registry's 4001-4006), so
 * that a peer plans over exactly the schema the project's gateway serves.
 */
export function supergraphAt(subgraphUrls: Record<string, string>): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_whole, name: string) => {
    const url = subgraphUrls[name];
    if (!url) throw new Error(`the supergraph names a subgraph "${name}" that is not running`);
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
}

/**
 * Hive Gateway in this process on a free port, as a yardstick only (the project's
 * gateway stays @apollo/gateway): its defaults, no landing page or GraphiQL, its
 * own logging off so the bench's table stays readable, and every subgraph call
 * signed (signingPlugin). `rust` swaps its stitching runtime for the Rust query
 * planner and executor of @graphql-hive/router-runtime.
 */
export async function startPeer(name: string, rust: boolean, signing: SigningOptions): Promise<Peer> {
  speakHiveLogLevel();
  // Hive hangs an abort listener per subgraph fetch on the client request's signal:
  // past Node's default of 10 a warning would cut into the bench's tables.
  setMaxListeners(64);
  const runtime = hiveGateway.createGatewayRuntime({
    supergraph: supergraphAt(signing.subgraphUrls),
    ...(rust ? { unifiedGraphHandler: rustPlanner.unifiedGraphHandler } : {}),
    plugins: () => [signingPlugin(signing)],
    // Hive's HTTP executor shares one subgraph call among identical queries in flight
    // at once, keyed on what it sends before onFetch adds the caller's identity: with
    // our signing, one caller's answer could reach another, and a bench of identical
    // requests would measure the sharing rather than the work. The project's gateway
    // shares nothing between requests, so neither does the yardstick.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    logging: false,
    landingPage: false,
    graphiql: false,
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}${runtime.graphqlEndpoint}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

/**
 * Hive's logger (@graphql-hive/logger) reads LOG_LEVEL itself each time one is made,
 * even with logging off, and throws on pino's `silent` and `fatal`, which the
 * project's services accept (the tests run with `silent`). The project's own
 * logger has read its level once, when @civic/shared loaded (logger.ts), so the
 * nearest level Hive knows can stand in from here on without changing it.
 */
function speakHiveLogLevel() {
  const level = process.env.LOG_LEVEL;
  if (level === 'silent' || level === 'fatal') process.env.LOG_LEVEL = 'error';
}
