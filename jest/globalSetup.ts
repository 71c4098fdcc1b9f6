import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase, freePort, openSubgraphDatabase, provisionDatabase, startEmbeddedPostgres } from '@civic/shared';
import { databaseUrl, TEST_ADMIN_URL_VAR, TEST_TEMPLATE_VAR, testRolePassword, testSubgraphUrls, withAdminClient } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

const TEMPLATE = 'civic_test_template';

/**
 * Starts one real PostgreSQL for the whole test run (embedded, in a temporary
 * folder, unless DATABASE_URL names a server) and builds the template database:
 * every subgraph's migrations and reference data, exactly as `npm start` does,
 * each migrated by its schema's owner role and served by its own role. The roles
 * are made here, once for the server; their grants are inside the template.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL ? databaseUrl(process.env.DATABASE_URL, 'postgres') : undefined;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-test-'));
    // As root, the server runs as a `postgres` user that must reach its folder.
    chmodSync(dir, 0o755);
    const started = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    (globalThis as any).__civicPostgres = started;
    adminUrl = started.adminUrl;
  }
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`));
  await ensureDatabase(adminUrl, TEMPLATE);
  const url = databaseUrl(adminUrl, TEMPLATE);
  await provisionDatabase(url, SUBGRAPHS, testRolePassword);
  for (const module of SUBGRAPHS) {
    const db = await openSubgraphDatabase(module, testSubgraphUrls(url, module.dbSchema), 2);
    await db.destroy();
  }
  process.env[TEST_ADMIN_URL_VAR] = adminUrl;
  process.env[TEST_TEMPLATE_VAR] = TEMPLATE;
}
