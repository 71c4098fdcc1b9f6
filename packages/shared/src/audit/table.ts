import type { MigrationInterface, QueryRunner } from 'typeorm';
/**
 * Where a subgraph keeps its audit trail: a table of its own PostgreSQL schema,
 * one row per request and subject read, naming the subject in `subjectColumn`
 * (person_id in the directory, veteran_id in veteran volunteers…).
 */
export interface AuditTable {
  schema: string;
  table: string;
  subjectColumn: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The names are spliced into SQL, so only plain lower-case identifiers are accepted. */
export function qualifiedName(table: AuditTable): string {
  for (const name of [table.schema, table.table, table.subjectColumn]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return `${table.schema}.${table.table}`;
}

/**
 * The statements that create an audit table, for a subgraph's migration to run
 * in order: the table, its indexes, and triggers by which PostgreSQL itself
 * refuses UPDATE, DELETE and TRUNCATE, whoever connects. The log is evidence:
 * rows are only ever added. `refusal` is the error message raised.
 */
export function createAuditTableSql(table: AuditTable, refusal = `the ${table.table.replace(/_/g, ' ')} log is append-only`): string[] {
  const name = qualifiedName(table);
  const refuse = `${table.schema}.refuse_${table.table}_change`;
  const literal = refusal.replace(/'/g, "''");
  return [
    `CREATE TABLE ${name} (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       actor text NOT NULL,
       actor_roles text[] NOT NULL,
       actor_region text,
       ${table.subjectColumn} uuid NOT NULL,
       fields text[] NOT NULL CHECK (cardinality(fields) > 0),
       operation text
     )`,
    `CREATE INDEX ${table.table}_subject_idx ON ${name} (${table.subjectColumn}, at)`,
    `CREATE INDEX ${table.table}_at_idx ON ${name} (at)`,
    `CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '${literal}'; END $$`,
    `CREATE TRIGGER ${table.table}_append_only BEFORE UPDATE OR DELETE ON ${name}
       FOR EACH ROW EXECUTE FUNCTION ${refuse}()`,
    `CREATE TRIGGER ${table.table}_no_truncate BEFORE TRUNCATE ON ${name}
       FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()`,
  ];
}

/**
 * The statements that give an audit table the client request's id and make one
 * row per (request, subject, field set): the key `append` inserts against with
 * ON CONFLICT DO NOTHING. Rows from before have no id and stay as they are.
 */
export function auditRequestIdSql(table: AuditTable): string[] {
  const name = qualifiedName(table);
  return [
    `ALTER TABLE ${name} ADD COLUMN request_id text CHECK (request_id ~ '^[A-Za-z0-9._-]{8,64}$')`,
    `CREATE UNIQUE INDEX ${table.table}_request_idx ON ${name} (request_id, ${table.subjectColumn}, fields)`,
  ];
}

/**
 * A subgraph's migration adding the request id to its audit tables, named for its
 * timestamp (as TypeORM orders migrations):
 * `export const AuditRequestId1796169600001 = auditRequestIdMigration([CARE_DATA_ACCESS], 1796169600001);`
 */
export function auditRequestIdMigration(tables: AuditTable[], timestamp: number): new () => MigrationInterface {
  const name = `AuditRequestId${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      for (const table of tables) for (const statement of auditRequestIdSql(table)) await db.query(statement);
    }
    async down(db: QueryRunner): Promise<void> {
      for (const table of tables) {
        await db.query(`DROP INDEX ${table.schema}.${table.table}_request_idx`);
        await db.query(`ALTER TABLE ${qualifiedName(table)} DROP COLUMN request_id`);
      }
    }
  };
}

/** The statements that undo createAuditTableSql, for a migration's down(). */
export function dropAuditTableSql(table: AuditTable): string[] {
  return [`DROP TABLE ${qualifiedName(table)}`, `DROP FUNCTION ${table.schema}.refuse_${table.table}_change()`];
}
