import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type { Sql } from '../sql';

/**
 * Least privilege in PostgreSQL: every subgraph has two login roles of its own.
 *
 * - `civic_<schema>_owner` owns the schema and everything in it. Only migrations
 *   connect as it (MIGRATION_DATABASE_URL), once at start. It may create nothing
 *   outside its schema: the extensions a subgraph's migrations use (cube,
 *   earthdistance, btree_gist), which only a superuser may install, the
 *   administrator installs beforehand (SubgraphModule.extensions).
 * - `civic_<schema>` is what the subgraph serves with (DATABASE_URL). It owns
 *   nothing: it may read and write the rows of its own schema's tables, only
 *   INSERT and SELECT its audit tables, and cannot see any other schema, drop or
 *   alter a table, or switch the audit logs' triggers off.
 *
 * A separate owner login rather than a NOLOGIN owner the serving role could
 * SET ROLE to: a serving connection that can become the owner (through an injected
 * statement, say) is the owner, so the serving role is a member of nothing.
 *
 * Roles are cluster-wide and the rest is per database: `provisionRoles` makes or
 * updates the roles once per server, `prepareSchema` gives a database's schema to
 * its owner (`provisionDatabase` does both, as an administrator), and
 * `grantServing` (run as the owner after each migration) grants the serving role
 * its tables. Grants live inside the database, so a test database
 * copied from a migrated template carries them along.
 */
export interface SchemaRoles {
  owner: string;
  serving: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

export function schemaRoles(schema: string): SchemaRoles {
  identifier(schema);
  return { owner: `civic_${schema}_owner`, serving: `civic_${schema}` };
}

/** Development and test passwords, derived from a secret (npm start's master secret) per role. */
export function derivedRolePassword(secret: string, role: string): string {
  return createHmac('sha256', secret).update(`postgres-role:${role}`).digest('base64url');
}

/** A URL for the same server and database as `url`, logging in as `role`. */
export function roleUrl(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export const roleOfUrl = (url: string): string => decodeURIComponent(new URL(url).username);

/** What a subgraph connects with: its serving role, and its owner for migrations. */
export interface SubgraphDatabaseUrls {
  url: string;
  /** unset: migrations run on `url` (a database with one role for everything) */
  migrationUrl?: string;
}

export function subgraphDatabaseUrls(baseUrl: string, schema: string, passwordOf: (role: string) => string): SubgraphDatabaseUrls {
  const { owner, serving } = schemaRoles(schema);
  return { url: roleUrl(baseUrl, serving, passwordOf(serving)), migrationUrl: roleUrl(baseUrl, owner, passwordOf(owner)) };
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Makes each schema's two login roles, or sets their passwords if they exist. Needs CREATEROLE. */
export async function provisionRoles(admin: Sql, schemas: string[], passwordOf: (role: string) => string): Promise<void> {
  for (const schema of schemas) {
    for (const role of Object.values(schemaRoles(schema))) {
      const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD ${literal(passwordOf(role))}`;
      const [exists] = await admin.query(`/* roleExists */ SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      await admin.query(exists ? `ALTER ROLE ${role} WITH ${options}` : `CREATE ROLE ${role} WITH ${options}`);
    }
  }
}

/** What provisioning needs to know of a subgraph (a SubgraphModule is one). */
export interface ProvisionedSubgraph {
  dbSchema: string;
  /** extensions its migrations use, installed into `public` by the administrator */
  extensions?: string[];
}

/**
 * In the database `admin` is connected to: the subgraph's extensions are installed,
 * and its schema exists and belongs to its owner role, with everything already in
 * it (a database migrated before roles existed has its tables owned by the admin).
 */
export async function prepareSchema(admin: Sql, subgraph: ProvisionedSubgraph): Promise<void> {
  const schema = subgraph.dbSchema;
  const { owner } = schemaRoles(schema);
  for (const extension of subgraph.extensions ?? []) {
    await admin.query(`CREATE EXTENSION IF NOT EXISTS ${identifier(extension)} WITH SCHEMA public CASCADE`);
  }
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
  await admin.query(`ALTER SCHEMA ${schema} OWNER TO ${owner}`);
  // Sequences of identity and serial columns move with their tables; indexes too.
  await admin.query(`
    DO $$
    DECLARE item record;
    BEGIN
      FOR item IN
        SELECT format('ALTER %s %I.%I OWNER TO %I',
                      CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                     WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                      n.nspname, c.relname, ${literal(owner)}) AS statement
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${literal(schema)} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND c.relowner <> ${literal(owner)}::regrole
          AND NOT (c.relkind = 'S' AND EXISTS (
            SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
        UNION ALL
        SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ${literal(owner)})
        FROM pg_proc p WHERE p.pronamespace = ${literal(schema)}::regnamespace AND p.proowner <> ${literal(owner)}::regrole
        UNION ALL
        SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, ${literal(owner)})
        FROM pg_type t WHERE t.typnamespace = ${literal(schema)}::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm')
          AND t.typowner <> ${literal(owner)}::regrole
      LOOP
        EXECUTE item.statement;
      END LOOP;
    END $$`);
}

/**
 * Run as the schema's owner after its migrations: the serving role may use the
 * schema, read and write every table's rows and draw from its sequences, but only
 * add to and read the audit tables, and only read TypeORM's record of migrations
 * (readiness compares it with the build's migrations; changing it is the owner's).
 * Run on every start, so a table a new migration made is covered; in a
 * transaction, where replicas starting together take turns (concurrent GRANTs on one
 * table can fail with "tuple concurrently updated").
 */
export async function grantServing(owner: Sql, schema: string, serving: string, auditTables: string[]): Promise<void> {
  identifier(serving);
  await owner.query(`/* lockGrants */ SELECT pg_advisory_xact_lock(hashtext($1))`, [`civic.grants:${schema}`]);
  await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${serving}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${serving}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${serving}`);
  await owner.query(`REVOKE ALL ON ${schema}.migrations FROM ${serving}`);
  await owner.query(`GRANT SELECT ON ${schema}.migrations TO ${serving}`);
  for (const table of auditTables) {
    // A monthly partitioned log's months are tables too (db/partitions.ts), which ALL TABLES just reached.
    const months: { name: string }[] = await owner.query(
      `/* auditPartitions */ SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`,
      [`${schema}.${identifier(table)}`],
    );
    for (const name of [table, ...months.map((m) => m.name)]) {
      await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${schema}.${identifier(name)} FROM ${serving}`);
    }
  }
}

/**
 * As an administrator of the server (a superuser, such as the embedded server's or
 * the compose file's `civic`, as installing extensions needs): every schema's roles,
 * and the schemas of the database `adminUrl` names made over to their owners. Idempotent:
 * `npm start` runs it on every start.
 */
export async function provisionDatabase(adminUrl: string, subgraphs: ProvisionedSubgraph[], passwordOf: (role: string) => string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  const admin: Sql = { query: (text, params) => client.query(text, params as unknown[]).then((result) => result.rows) };
  try {
    await provisionRoles(
      admin,
      subgraphs.map((s) => s.dbSchema),
      passwordOf,
    );
    for (const subgraph of subgraphs) await prepareSchema(admin, subgraph);
  } finally {
    await client.end();
  }
}
