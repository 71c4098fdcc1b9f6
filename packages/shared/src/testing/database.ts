import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DEV_INTERNAL_SECRET } from '../config';
import { derivedRolePassword, ProvisionedSubgraph, provisionDatabase, schemaRoles, subgraphDatabaseUrls, SubgraphDatabaseUrls } from '../db/roles';

/**
 * Test databases. jest/globalSetup.ts starts one PostgreSQL for the whole run and
 * builds a template database with every subgraph migrated; each test file copies
 * it (CREATE DATABASE … TEMPLATE takes milliseconds), so no test sees another's
 * rows. Test-only: the variables come from globalSetup, not from a service config.
 */
export const TEST_ADMIN_URL_VAR = 'CIVIC_TEST_ADMIN_URL';
export const TEST_TEMPLATE_VAR = 'CIVIC_TEST_TEMPLATE';

/**
 * The subgraphs' database roles exist once per test server (roles are cluster-wide),
 * made by globalSetup with these passwords, as `npm start` derives its own from the
 * development master secret; their grants live in the template and copy with it.
 */
export const testRolePassword = (role: string): string => derivedRolePassword(DEV_INTERNAL_SECRET, role);

/** How a subgraph connects to a test database: its serving role, and its owner to migrate. */
export const testSubgraphUrls = (url: string, schema: string): SubgraphDatabaseUrls => subgraphDatabaseUrls(url, schema, testRolePassword);

/**
 * A subgraph the template does not hold (one a partner just scaffolded, run by its
 * own test) gets its roles and schema here, on the test's own database copy.
 */
export async function ensureTestRoles(url: string, subgraph: ProvisionedSubgraph): Promise<void> {
  const owner = schemaRoles(subgraph.dbSchema).owner;
  const { rowCount } = await admin(url, (client) => client.query('/* roleExists */ SELECT 1 FROM pg_roles WHERE rolname = $1', [owner]));
  if (!rowCount) await provisionDatabase(url, [subgraph], testRolePassword);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(template = process.env[TEST_TEMPLATE_VAR]): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ADMIN_URL_VAR];
  if (!adminUrl) throw new Error(`${TEST_ADMIN_URL_VAR} is unset: run tests through jest (jest/globalSetup.ts)`);
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(template ? `CREATE DATABASE ${name} TEMPLATE "${template}"` : `CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(adminUrl, name),
    name,
    drop: () => admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database, for tests of migrations themselves. */
export const createEmptyTestDatabase = () => createTestDatabase('template0');

export { admin as withAdminClient };
