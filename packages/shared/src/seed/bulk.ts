import type { EntityManager } from 'typeorm';
import { seedStep } from './progress';

/**
 * Loads empty tables the way PostgreSQL loads fastest: their secondary indexes
 * and foreign keys set aside while `work` writes millions of rows, then built
 * once (a sort per index, one join per key, which also checks every row) instead
 * of maintained row by row. Primary keys and unique constraints stay, so other
 * tables' references and duplicate rows are still caught as they come.
 *
 * Only the tables' owner may do this (a seed run as the schema's owner role, as the
 * launcher seeds); for any other role the tables are loaded as they are. A
 * partitioned table's indexes and keys are set aside on the parent (its
 * partitions' follow) and built again over every partition.
 * Everything happens in the caller's transaction: a failure leaves the schema as it was.
 */
export async function loadWithoutIndexes<T>(tx: EntityManager, subgraph: string, tables: string[], work: () => Promise<T>): Promise<T> {
  const owned: { table: string }[] = await tx.query(
    `/* seedOwnedTables */ SELECT c.oid::regclass::text AS table FROM pg_class c
     WHERE c.oid = ANY($1::regclass[]) AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')`,
    [tables],
  );
  const names = owned.map((o) => o.table);
  if (!names.length) return work();
  const indexes: { name: string; definition: string }[] = await tx.query(
    `/* seedSecondaryIndexes */ SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [names],
  );
  const keys: { table: string; name: string; definition: string; referenced: string }[] = await tx.query(
    `/* seedForeignKeys */ SELECT k.conrelid::regclass::text AS table, quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS definition,
       k.confrelid::regclass::text AS referenced
     FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = ANY($1::regclass[]) AND k.conparentid = 0 ORDER BY k.conrelid, k.conname`,
    [names],
  );
  for (const key of keys) await tx.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  for (const index of indexes) await tx.query(`DROP INDEX ${index.name}`);
  const result = await work();
  await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  // A partitioned table's index is defined `ON ONLY` the parent; built again, it is built on every partition.
  for (const index of indexes) await seedStep(subgraph, `index ${index.name}`, 0, () => tx.query(index.definition.replace(' ON ONLY ', ' ON ')));
  for (const key of keys)
    await seedStep(subgraph, `check ${key.table} ${key.name}`, 0, async () => {
      const add = () => tx.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
      await ((await keyCheckByLookups(tx, key.table, key.referenced)) ? withoutHashOrMergeJoins(tx, add) : add());
    });
  return result;
}

/**
 * Whether a foreign key is best checked by one index lookup per row. PostgreSQL
 * checks a partitioned table's key partition by partition, each a join to the
 * whole referenced table: hashed, the referenced table is read once per partition
 * (a ledger of 19 months read the 12M requests of a province 19 times, 81 s).
 * Looked up, each referencing row costs one probe of the referenced primary key,
 * which the load kept. The row counts are the catalogue's, which the index builds
 * just brought up to date; a probe is taken to cost what reading 12 rows does
 * (measured: about 5 µs a probe against 0.4 µs a row hashed).
 */
export async function keyCheckByLookups(tx: EntityManager, table: string, referenced: string): Promise<boolean> {
  // Each side's partitions read once: the referencing table's (side 1), then the referenced one's.
  const [shape]: { partitions: number; referencing: number; referencedRows: number }[] = await tx.query(
    `/* seedKeyCheckShape */ SELECT count(*) FILTER (WHERE s.side = 1)::int AS partitions,
       coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE s.side = 1), 0)::float8 AS referencing,
       coalesce(sum(greatest(c.reltuples, 0)) FILTER (WHERE s.side = 2), 0)::float8 AS "referencedRows"
     FROM (VALUES (1, $1::regclass), (2, $2::regclass)) s(side, root)
     CROSS JOIN LATERAL pg_partition_tree(s.root) t JOIN pg_class c ON c.oid = t.relid
     WHERE t.isleaf`,
    [table, referenced],
  );
  return shape.partitions > 1 && shape.partitions * shape.referencedRows > 12 * shape.referencing;
}

/** `work` planned with nested loops only (the transaction's setting put back after, whatever it was). */
async function withoutHashOrMergeJoins<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  const [was]: { hash: string; merge: string }[] = await tx.query(
    `SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge, set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
  );
  // Not in a finally: a failed check aborts the transaction, whose rollback undoes the local settings anyway.
  const result = await work();
  await tx.query(`SELECT set_config('enable_hashjoin', $1, true), set_config('enable_mergejoin', $2, true)`, [was.hash, was.merge]);
  return result;
}
