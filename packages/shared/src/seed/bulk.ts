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
  const keys: { table: string; name: string; definition: string }[] = await tx.query(
    `/* seedForeignKeys */ SELECT k.conrelid::regclass::text AS table, quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS definition
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
    await seedStep(subgraph, `check ${key.table} ${key.name}`, 0, () => tx.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`));
  return result;
}
