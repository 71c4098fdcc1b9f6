import { Client } from 'pg';
import { schemaRoles } from '@civic/shared';
import { createTestDatabase, TestDatabase, testSubgraphUrls } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

/**
 * Least privilege in PostgreSQL (issue 13.8): each subgraph serves as its own
 * login role, confined to its own schema, on a copy of the template database as
 * every test and `npm start` use it.
 */
describe("each subgraph's database role", () => {
  let database: TestDatabase;
  const clients: Client[] = [];
  const connect = async (schema: string, which: 'url' | 'migrationUrl' = 'url') => {
    const client = new Client({ connectionString: testSubgraphUrls(database.url, schema)[which] });
    await client.connect();
    clients.push(client);
    return client;
  };
  const refusal = (client: Client, sql: string) =>
    client.query(sql).then(
      () => 'allowed',
      (error: Error) => error.message,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await database.drop();
  });

  it("when elder-care's role reads the directory's people, then PostgreSQL refuses: the schema is not its own", async () => {
    const elderCare = await connect('elder_care');
    expect(await refusal(elderCare, `SELECT phone, birth_date FROM directory.person LIMIT 1`)).toMatch(/permission denied for schema directory/);
    expect(await refusal(elderCare, `SELECT count(*) FROM veteran_volunteers.veteran`)).toMatch(/permission denied/);
    // Its own rows it reads and writes.
    expect(await refusal(elderCare, `SELECT count(*) FROM elder_care.elder`)).toBe('allowed');
  });

  it("when elder-care's role changes its access log, then it may add and read rows but never UPDATE, DELETE or TRUNCATE them", async () => {
    const elderCare = await connect('elder_care');
    await elderCare.query(
      `INSERT INTO elder_care.care_data_access (actor, actor_roles, elder_id, fields) VALUES ('t', '{CITY_ADMIN}', gen_random_uuid(), '{careNote}')`,
    );
    expect((await elderCare.query(`SELECT count(*)::int AS n FROM elder_care.care_data_access`)).rows[0].n).toBe(1);
    for (const change of [
      `UPDATE elder_care.care_data_access SET actor = 'someone else'`,
      `DELETE FROM elder_care.care_data_access`,
      `TRUNCATE elder_care.care_data_access`,
    ]) {
      // Refused for the role itself, before the table's append-only trigger is even reached.
      expect({ change, refused: await refusal(elderCare, change) }).toEqual({ change, refused: expect.stringMatching(/permission denied/) });
    }
    // Its owner, which only migrations use, is held back by the log's own triggers.
    const owner = await connect('elder_care', 'migrationUrl');
    expect(await refusal(owner, `DELETE FROM elder_care.care_data_access`)).toMatch(/append-only/);
  });

  it("when elder-care's role tries to drop, alter or take over its tables, then PostgreSQL refuses: it owns nothing", async () => {
    const elderCare = await connect('elder_care');
    const { owner } = schemaRoles('elder_care');
    for (const change of [
      `DROP TABLE elder_care.elder`,
      `ALTER TABLE elder_care.elder ADD COLUMN note text`,
      `ALTER TABLE elder_care.care_data_access DISABLE TRIGGER care_data_access_append_only`,
      `CREATE TABLE elder_care.shadow (id int)`,
      `SET ROLE ${owner}`,
      `UPDATE elder_care.migrations SET name = 'x'`,
    ]) {
      expect({ change, refused: await refusal(elderCare, change) }).toEqual({ change, refused: expect.stringMatching(/must be owner|permission denied/) });
    }
  });

  it("when the partner's role (elder-canteens) lists what it can reach, then it is its own schema's tables alone", async () => {
    const canteens = await connect('elder_canteens');
    const { rows: schemas } = await canteens.query(
      `SELECT nspname FROM pg_namespace WHERE has_schema_privilege(oid, 'USAGE') AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    );
    // public holds only the extensions' functions (earthdistance, cube), which every role may call.
    expect(schemas.map((r) => r.nspname)).toEqual(['elder_canteens', 'public']);
    const { rows: tables } = await canteens.query(
      `SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         AND has_table_privilege(c.oid, 'SELECT')`,
    );
    expect(tables.map((r) => r.nspname)).toEqual(['elder_canteens']);
    expect(await refusal(canteens, `SELECT count(*) FROM elder_care.elder`)).toMatch(/permission denied for schema elder_care/);
  });

  it.each(SUBGRAPHS.map((m) => [m.name, m.dbSchema] as const))(
    'when %s is migrated, then its schema and every object in it belong to its owner role, and its serving role owns nothing and is no superuser',
    async (_name, schema) => {
      const { owner, serving } = schemaRoles(schema);
      const client = await connect(schema, 'migrationUrl');
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = $1::text::regnamespace AND c.relowner <> $2::text::regrole) AS foreign_owned,
                (SELECT nspowner = $2::text::regrole FROM pg_namespace WHERE nspname = $1::text) AS schema_owned,
                (SELECT count(*)::int FROM pg_class WHERE relowner = $3::text::regrole) + (SELECT count(*)::int FROM pg_namespace WHERE nspowner = $3::text::regrole) AS serving_owns,
                (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = $3::text) AS serving_powerful,
                (SELECT count(*)::int FROM pg_auth_members WHERE member = $3::text::regrole) AS serving_memberships`,
        [schema, owner, serving],
      );
      expect(rows[0]).toEqual({ foreign_owned: 0, schema_owned: true, serving_owns: 0, serving_powerful: false, serving_memberships: 0 });
    },
  );
});
