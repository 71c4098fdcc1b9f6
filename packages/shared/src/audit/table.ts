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

/** The statements that undo createAuditTableSql, for a migration's down(). */
export function dropAuditTableSql(table: AuditTable): string[] {
  return [`DROP TABLE ${qualifiedName(table)}`, `DROP FUNCTION ${table.schema}.refuse_${table.table}_change()`];
}
