import { scratchSchema, type ScratchSchema } from '../testing/scratchSchema';

import { keyCheckByLookups, loadWithoutIndexes } from './bulk';

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

  it('when a partitioned table refers to a table many times its size, then its key is checked by lookups, not a read of the referenced table per partition, and still refuses an orphan', async () => {
    // As the ledger is: months of transfers, each referring to a request of the city partitions by (id, region).
    await scratch.db.query(`
      INSERT INTO ${SCHEMA}.elder SELECT generate_series(1, 5000) ON CONFLICT DO NOTHING;
      INSERT INTO ${SCHEMA}.request SELECT n, CASE WHEN n % 2 = 0 THEN '350105' ELSE '350203' END, n, n FROM generate_series(1001, 5000) n;
      ANALYZE ${SCHEMA}.request;
      CREATE TABLE ${SCHEMA}.transfer (id int, month int, request_id int, request_region_code text, PRIMARY KEY (id, month),
        FOREIGN KEY (request_id, request_region_code) REFERENCES ${SCHEMA}.request (id, region_code)) PARTITION BY LIST (month);
      CREATE INDEX transfer_request_idx ON ${SCHEMA}.transfer (request_id, request_region_code);
      ${Array.from({ length: 6 }, (_, m) => `CREATE TABLE ${SCHEMA}.transfer_${m} PARTITION OF ${SCHEMA}.transfer FOR VALUES IN (${m});`).join('\n')}`);
    const requestScans = async (tx: { query(sql: string, params?: unknown[]): Promise<any> }) => {
      const [scans] = await tx.query(
        `SELECT coalesce(sum(seq_scan), 0)::int AS seq, coalesce(sum(idx_scan), 0)::int AS idx FROM pg_stat_xact_user_tables WHERE schemaname = $1 AND relname LIKE 'request\\_%'`,
        [SCHEMA],
      );
      return scans as { seq: number; idx: number };
    };
    const load = (orphan: boolean) =>
      scratch.db.transaction(async (tx) => {
        // Counted as a difference: a backend may hold counts of earlier transactions not yet flushed.
        const before = await requestScans(tx);
        await loadWithoutIndexes(tx, 'test', [`${SCHEMA}.transfer`], async () => {
          await tx.query(`INSERT INTO ${SCHEMA}.transfer SELECT n, n % 6, 1001 + n * 13 % 4000, CASE WHEN (1001 + n * 13 % 4000) % 2 = 0 THEN '350105' ELSE '350203' END
            FROM generate_series(1, 300) n`);
          if (orphan) await tx.query(`INSERT INTO ${SCHEMA}.transfer VALUES (1000, 0, 999999, '350105')`);
        });
        expect(await keyCheckByLookups(tx, `${SCHEMA}.transfer`, `${SCHEMA}.request`)).toBe(true);
        // A plain table is checked in one join, as PostgreSQL plans it.
        expect(await keyCheckByLookups(tx, `${SCHEMA}.step`, `${SCHEMA}.request`)).toBe(false);
        const after = await requestScans(tx);
        expect(after.seq - before.seq).toBe(0);
        expect(after.idx - before.idx).toBeGreaterThanOrEqual(300);
        // and the transaction plans as it did before
        const [settings] = await tx.query(`SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge`);
        expect(settings).toEqual({ hash: 'on', merge: 'on' });
      });
    await load(false);
    const [{ n }] = await scratch.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.transfer`);
    expect(n).toBe(300);
    await expect(scratch.db.query(`INSERT INTO ${SCHEMA}.transfer VALUES (999, 1, 999999, '350105')`)).rejects.toThrow(/foreign key/);
    await scratch.db.query(`TRUNCATE ${SCHEMA}.transfer`);
    await expect(load(true)).rejects.toThrow(/foreign key/);
    const [{ left }] = await scratch.db.query(`SELECT count(*)::int AS left FROM ${SCHEMA}.transfer`);
    expect(left).toBe(0);
  });
});
