import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MonthlyPartitioning, partitionByMonth, unpartitionByMonth } from '../db/partitions';
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

/**
 * How long an access log keeps its rows: three years (PIPL art. 56 keeps the
 * records of an impact assessment as long), then its months are dropped whole.
 */
export const AUDIT_RETENTION_MONTHS = 36;

/**
 * An audit table is monthly partitioned on `at` (db/partitions.ts): it only grows,
 * its reads are a subject's rows or the newest, and retention drops a month at
 * once (no row-by-row DELETE, which the append-only trigger refuses anyway). Its one
 * row per (request, subject, field set) is kept within each month (a partitioned
 * table's unique keys must hold `at`): a request read across a month's end may log twice.
 */
export function auditPartitioning(table: AuditTable): MonthlyPartitioning {
  qualifiedName(table);
  return {
    schema: table.schema,
    table: table.table,
    column: 'at',
    localUnique: [['request_id', table.subjectColumn, 'fields']],
    retentionMonths: AUDIT_RETENTION_MONTHS,
  };
}

/**
 * A subgraph's migration partitioning its audit tables by month, keeping every row,
 * its triggers and indexes (after auditRequestIdMigration, whose key it keeps per month):
 * `export const PartitionedAudit1798000000001 = partitionedAuditMigration([CARE_DATA_ACCESS], 1798000000001);`
 */
export function partitionedAuditMigration(tables: AuditTable[], timestamp: number): new () => MigrationInterface {
  const name = `PartitionedAudit${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      for (const table of tables) await partitionByMonth(db, auditPartitioning(table), { primaryKey: ['id', 'at'] });
    }
    async down(db: QueryRunner): Promise<void> {
      for (const table of tables) {
        await unpartitionByMonth(db, auditPartitioning(table), {
          primaryKey: ['id'],
          after: [`CREATE UNIQUE INDEX ${table.table}_request_idx ON ${qualifiedName(table)} (request_id, ${table.subjectColumn}, fields)`],
        });
      }
    }
  };
}
