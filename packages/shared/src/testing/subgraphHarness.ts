import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, Identity } from '../auth/identity';
import { startSubgraph, SubgraphModule } from '../subgraphModule';
import type { SubgraphDatabaseUrls } from '../db/roles';
import type { Clock } from '../clock';
import { createTestDatabase, ensureTestRoles, TestDatabase, testSubgraphUrls } from './database';
import { signedSubgraphRequest } from './signedFetch';

export interface SubgraphHarness {
  db: DataSource;
  url: string;
  secret: string;
  /** its roles' URLs: `migrationUrl` is the schema's owner, as the launcher seeds */
  database: SubgraphDatabaseUrls;
  /** a signed GraphQL request, as the gateway sends it */
  query(query: string, variables?: Record<string, unknown>, identity?: Identity): ReturnType<typeof signedSubgraphRequest>;
  stop(): Promise<void>;
}

/**
 * One subgraph on a free port over its own copy of the test template database:
 * the real server, real HTTP, real PostgreSQL. `db` connects as the subgraph's
 * serving role, so a test arranges rows with the subgraph's own privileges.
 */
export async function startSubgraphHarness(
  module: SubgraphModule,
  // A subgraph alone has no gateway; one that asks the graph gets a URL to a test's stand-in.
  gatewayUrl = 'http://127.0.0.1:9/',
  options: { clock?: Clock } = {},
): Promise<SubgraphHarness> {
  const database: TestDatabase = await createTestDatabase();
  const secret = randomBytes(32).toString('base64url');
  // As deployed: migrated by the schema's owner role, served as its own role (db/roles.ts).
  await ensureTestRoles(database.url, module);
  const urls = testSubgraphUrls(database.url, module.dbSchema);
  const started = await startSubgraph(module, { database: urls, port: 0, secret, poolSize: 4, gatewayUrl, clock: options.clock });
  return {
    db: started.dataSource,
    url: started.service.url,
    secret,
    database: urls,
    query: (query, variables = {}, identity = ANONYMOUS) => signedSubgraphRequest(started.service.url, secret, query, variables, identity),
    stop: async () => {
      await started.stop();
      await database.drop();
    },
  };
}
