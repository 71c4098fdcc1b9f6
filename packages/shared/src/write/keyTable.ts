import type { MigrationInterface, QueryRunner } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The key store's table in a subgraph's own schema. */
export function idempotencyTable(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(schema)}`);
  return `${schema}.idempotency_key`;
}

/**
 * The statements that create a subgraph's idempotency store, for its own migration
 * to run in order (so no subgraph copies the SQL). One row per (caller, operation,
 * key): the hash of the canonical arguments and a reference to the first result.
 * The reference is filled in the same transaction as the row, so a committed row
 * always has it; the CHECK keeps the pair whole.
 */
export function createIdempotencyTableSql(schema: string): string[] {
  const table = idempotencyTable(schema);
  return [
    `CREATE TABLE ${table} (
       caller uuid NOT NULL,
       operation text NOT NULL CHECK (operation ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
       key text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
       arguments_hash text NOT NULL,
       result_type text,
       result_id text,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (caller, operation, key),
       CHECK ((result_type IS NULL) = (result_id IS NULL))
     )`,
    // For a sweep by age, should the table ever need one.
    `CREATE INDEX idempotency_key_created_idx ON ${table} (created_at)`,
  ];
}

/** The statements that undo createIdempotencyTableSql, for a migration's down(). */
export function dropIdempotencyTableSql(schema: string): string[] {
  return [`DROP TABLE ${idempotencyTable(schema)}`];
}

/**
 * A subgraph's migration that creates its key store, named for its timestamp (as
 * TypeORM orders migrations): `export const IdempotencyKeys1796083200001 =
 * idempotencyKeyMigration('elder_care', 1796083200001);`
 */
export function idempotencyKeyMigration(schema: string, timestamp: number): new () => MigrationInterface {
  const name = `IdempotencyKeys${timestamp}`;
  return class implements MigrationInterface {
    name = name;
    async up(db: QueryRunner): Promise<void> {
      for (const statement of createIdempotencyTableSql(schema)) await db.query(statement);
    }
    async down(db: QueryRunner): Promise<void> {
      for (const statement of dropIdempotencyTableSql(schema)) await db.query(statement);
    }
  };
}
