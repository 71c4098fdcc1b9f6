import { scratchSchema, type ScratchSchema } from '../testing/scratchSchema';

import { loadWithoutIndexes } from './bulk';

const SCHEMA = 'bulk_load_test';

/** The schema's secondary indexes (valid ones only) and foreign keys, as the catalogue has them. */
async function shape(db: { query(sql: string, params?: unknown[]): Promise<any> }) {
  const indexes: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND i.indisvalid AND NOT i.indisprimary ORDER BY 1`,
    [SCHEMA],
  );
  const keys: { name: string }[] = await db.query(
    `SELECT k.conname || ' on ' || k.conrelid::regclass::text AS name FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
     WHERE n.nspname = $1 AND k.contype = 'f' ORDER BY 1`,
    [SCHEMA],
  );
  return { indexes: indexes.map((i) => i.name), keys: keys.map((k) => k.name) };
}

describe('a bulk load with indexes set aside', () => {
  let scratch: ScratchSchema;
  beforeAll(async () => {
    scratch = await scratchSchema(SCHEMA, 'bulk-load-test');
    // As the seeds' tables are: a partitioned parent ranged by city, and a plain child referring to it by (id, region).
    await scratch.db.query(`
      CREATE TABLE ${SCHEMA}.elder (id int PRIMARY KEY);
      CREATE TABLE ${SCHEMA}.request (id int, region_code text, elder_id int NOT NULL REFERENCES ${SCHEMA}.elder, created_at int,
        PRIMARY KEY (id, region_code)) PARTITION BY RANGE (region_code);
      CREATE TABLE ${SCHEMA}.request_3501 PARTITION OF ${SCHEMA}.request FOR VALUES FROM ('3501') TO ('3502');
      CREATE TABLE ${SCHEMA}.request_3502 PARTITION OF ${SCHEMA}.request FOR VALUES FROM ('3502') TO ('3503');
      CREATE INDEX request_list_idx ON ${SCHEMA}.request (region_code, created_at, id);
      CREATE TABLE ${SCHEMA}.step (id int PRIMARY KEY, request_id int, request_region_code text,
        FOREIGN KEY (request_id, request_region_code) REFERENCES ${SCHEMA}.request (id, region_code));
      CREATE INDEX step_request_idx ON ${SCHEMA}.step (request_id);`);
  });
  afterAll(() => scratch?.stop());

  it('when tables, one of them partitioned, are loaded by their owner, then their indexes and keys are gone meanwhile and all back after, over every partition', async () => {
    const before = await shape(scratch.db);
    expect(before.indexes).toEqual(expect.arrayContaining(['request_list_idx', 'request_3501_region_code_created_at_id_idx', 'step_request_idx']));
    // each key has one per partition of the partitioned side too: the parent to elders, and the child to the parent
    expect(before.keys).toHaveLength(6);
    let during: Awaited<ReturnType<typeof shape>> | undefined;
    await scratch.db.transaction(async (tx) => {
      await loadWithoutIndexes(tx, 'test', [`${SCHEMA}.request`, `${SCHEMA}.step`], async () => {
        during = await shape(tx);
        await tx.query(`INSERT INTO ${SCHEMA}.elder SELECT generate_series(1, 100)`);
        await tx.query(`INSERT INTO ${SCHEMA}.request SELECT n, CASE WHEN n % 2 = 0 THEN '350105' ELSE '350203' END, n, n FROM generate_series(1, 100) n`);
        await tx.query(`INSERT INTO ${SCHEMA}.step SELECT n, n, CASE WHEN n % 2 = 0 THEN '350105' ELSE '350203' END FROM generate_series(1, 100) n`);
      });
    });
    // In the load's own transaction: only the primary keys stayed.
    expect(during).toEqual({ indexes: [], keys: [] });
    expect(await shape(scratch.db)).toEqual(before);
    const [{ rows }] = await scratch.db.query(`SELECT count(*)::int AS rows FROM ${SCHEMA}.request_3502`);
    expect(rows).toBe(50);
  });

  it('when the load writes a row its keys refuse, then the whole load fails and the schema is as it was', async () => {
    const before = await shape(scratch.db);
    await expect(
      scratch.db.transaction((tx) =>
        loadWithoutIndexes(tx, 'test', [`${SCHEMA}.request`, `${SCHEMA}.step`], async () => {
          await tx.query(`INSERT INTO ${SCHEMA}.step VALUES (1000, 999, '350105')`);
        }),
      ),
    ).rejects.toThrow(/foreign key/);
    expect(await shape(scratch.db)).toEqual(before);
  });
});
