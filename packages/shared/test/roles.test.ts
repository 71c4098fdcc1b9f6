import { Client } from 'pg';
import { grantServing, provisionDatabase, schemaRoles, subgraphDatabaseUrls } from '../src/db/roles';
import { createEmptyTestDatabase, TestDatabase } from '../src/testing/database';

const SCHEMA = 'roles_test';
const password = (role: string) => `pw-${role}`;

/** A database migrated before roles existed: everything in the schema belongs to the administrator. */
describe('provisioning roles over an existing schema', () => {
  let database: TestDatabase;
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await database.drop();
  });

  it('when an administrator-owned schema is provisioned, then its owner role owns every object and can migrate it, and the serving role can use it once granted', async () => {
    database = await createEmptyTestDatabase();
    const admin = await connect(database.url);
    for (const statement of [
      `CREATE SCHEMA ${SCHEMA}`,
      `CREATE TYPE ${SCHEMA}.mood AS ENUM ('calm', 'busy')`,
      `CREATE TABLE ${SCHEMA}.item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, mood ${SCHEMA}.mood, n serial)`,
      `CREATE TABLE ${SCHEMA}.migrations (id serial PRIMARY KEY, name text)`,
      `CREATE VIEW ${SCHEMA}.calm AS SELECT id FROM ${SCHEMA}.item WHERE mood = 'calm'`,
      `CREATE FUNCTION ${SCHEMA}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$`,
    ]) {
      await admin.query(statement);
    }
    await provisionDatabase(database.url, [{ dbSchema: SCHEMA }], password);
    const { owner, serving } = schemaRoles(SCHEMA);
    const { rows } = await admin.query(
      `SELECT (SELECT count(*)::int FROM pg_class WHERE relnamespace = '${SCHEMA}'::regnamespace AND relowner <> '${owner}'::regrole) AS classes,
              (SELECT count(*)::int FROM pg_proc WHERE pronamespace = '${SCHEMA}'::regnamespace AND proowner <> '${owner}'::regrole) AS routines,
              (SELECT count(*)::int FROM pg_type WHERE typnamespace = '${SCHEMA}'::regnamespace AND typtype = 'e' AND typowner <> '${owner}'::regrole) AS types`,
    );
    expect(rows[0]).toEqual({ classes: 0, routines: 0, types: 0 });

    const urls = subgraphDatabaseUrls(database.url, SCHEMA, password);
    const ownerClient = await connect(urls.migrationUrl!);
    await ownerClient.query(`ALTER TABLE ${SCHEMA}.item ADD COLUMN note text`);
    await ownerClient.query(`DROP FUNCTION ${SCHEMA}.refuse()`);
    const servingClient = await connect(urls.url);
    await expect(servingClient.query(`INSERT INTO ${SCHEMA}.item (mood) VALUES ('calm')`)).rejects.toThrow(/permission denied/);
    await grantServing({ query: (q, p) => ownerClient.query(q, p as unknown[]).then((r) => r.rows) }, SCHEMA, serving, []);
    await servingClient.query(`INSERT INTO ${SCHEMA}.item (mood) VALUES ('calm')`);
    expect((await servingClient.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.calm`)).rows[0].n).toBe(1);
    await servingClient.query(`SELECT * FROM ${SCHEMA}.migrations`);
    await expect(servingClient.query(`DELETE FROM ${SCHEMA}.migrations`)).rejects.toThrow(/permission denied/);
  });
});
