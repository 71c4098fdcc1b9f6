import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/dataSource';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { rebuiltRollupRows, rollupAgainstOracle, rollupRows } from '../testing/rollups';
import { defineRollup } from './figures';
import { createRollupSql, dropRollupSql } from './triggers';
import { rebuildRollup } from './rebuild';
import { loadBypassingRollup } from './bulk';
import { readRollup, rollupRegionsInUse, type RollupFields } from './reader';
import { childCodeLength } from '../region';

const S = 'rollup_test';
const ITEM = `${S}.item`;
const PART = `${S}.part`;
const OWNER = `${S}.owner`;

// Items are a partitioned parent (by status, so a status change moves a row between
// partitions); parts count in their owner's region, through a join (no foreign key:
// an owner may come after its parts, and move).
const JOIN = { table: OWNER, alias: 'o', on: 'o.id = src.owner_id' };
const ROLLUP = defineRollup(
  S,
  [
    { name: 'items', table: ITEM },
    { name: 'openItems', table: ITEM, where: `src.status = 'OPEN'` },
    { name: 'amount', table: ITEM, value: 'src.amount' },
    { name: 'net', table: ITEM, value: 'src.amount', where: `src.status = 'OPEN'` },
    { name: 'net', table: PART, value: '-src.hours', join: JOIN, where: 'o.active', region: 'o.region_code' },
    { name: 'partHours', table: PART, value: 'src.hours', join: JOIN, region: 'o.region_code' },
  ],
  [ITEM],
);
const FIELDS: RollupFields = { items: 'items', openItems: 'openItems', amount: 'amount', partHours: 'partHours', net: 'net' };
const range = (alias: string) => `${alias}.region_code >= r.code AND ${alias}.region_code < r.code || '~'`;
/** The figures computed from the tables, as a subgraph did on every request. */
const ORACLE = {
  sql: `SELECT r.code,
      (SELECT count(*) FROM ${ITEM} i WHERE ${range('i')})::int AS items,
      (SELECT count(*) FROM ${ITEM} i WHERE ${range('i')} AND i.status = 'OPEN')::int AS "openItems",
      (SELECT coalesce(sum(i.amount), 0) FROM ${ITEM} i WHERE ${range('i')})::float8 AS amount,
      (SELECT coalesce(sum(p.hours), 0) FROM ${PART} p JOIN ${OWNER} o ON o.id = p.owner_id WHERE ${range('o')})::float8 AS "partHours",
      ((SELECT coalesce(sum(i.amount), 0) FROM ${ITEM} i WHERE ${range('i')} AND i.status = 'OPEN')
        - (SELECT coalesce(sum(p.hours), 0) FROM ${PART} p JOIN ${OWNER} o ON o.id = p.owner_id WHERE ${range('o')} AND o.active))::float8 AS net
    FROM unnest($1::text[]) AS r(code)`,
  toStats: (row: any) => ({ items: 0, openItems: 0, amount: 0, partHours: 0, net: 0, ...row }),
  regionsInUse: `SELECT region_code FROM ${ITEM} UNION SELECT region_code FROM ${OWNER}`,
};
const COMMUNITIES = ['350105001001', '350105001002', '350105002001', '350102001001', '350203001001', '350105001'];
const STATUSES = ['OPEN', 'DONE', 'CANCELLED'];

describe('region rollups kept by statement triggers', () => {
  let database: TestDatabase;
  let db: DataSource;
  let nextId = 1;
  const ids = (n: number) => Array.from({ length: n }, () => nextId++);
  const expectExact = async () => {
    const compared = await rollupAgainstOracle(db, ROLLUP, FIELDS, ORACLE);
    expect(compared.rollup).toEqual(compared.oracle);
    expect(await rollupRows(db, ROLLUP)).toEqual(await rebuiltRollupRows(db, ROLLUP));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDataSource({ url: database.url, schema: S, entities: [], migrations: [], poolSize: 8, applicationName: 'rollup-test' }).initialize();
    await db.query(`CREATE SCHEMA ${S}`);
    await db.query(`CREATE TABLE ${ITEM} (id int NOT NULL, region_code text COLLATE "C" NOT NULL, status text NOT NULL, amount numeric(10, 2),
      PRIMARY KEY (id, status)) PARTITION BY LIST (status)`);
    await db.query(`CREATE TABLE ${S}.item_open PARTITION OF ${ITEM} FOR VALUES IN ('OPEN')`);
    await db.query(`CREATE TABLE ${S}.item_other PARTITION OF ${ITEM} DEFAULT`);
    await db.query(`CREATE TABLE ${PART} (id serial PRIMARY KEY, owner_id int NOT NULL, hours numeric(6, 2) NOT NULL)`);
    await db.query(`CREATE TABLE ${OWNER} (id int PRIMARY KEY, region_code text COLLATE "C" NOT NULL, active boolean NOT NULL DEFAULT true)`);
    // rows before the rollup exists: the migration's rebuild backfills them
    await db.query(`INSERT INTO ${ITEM} SELECT g, ($1::text[])[1 + g % 6], 'OPEN', g / 4.0 FROM generate_series(1, 40) g`, [COMMUNITIES]);
    nextId = 41;
    for (const statement of createRollupSql(ROLLUP)) await db.query(statement);
    await rebuildRollup(db, ROLLUP);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when the rollup is created over existing rows, then the backfill equals the figures computed from the tables', async () => {
    await expectExact();
    expect((await rollupAgainstOracle(db, ROLLUP, FIELDS, ORACLE)).rollup.find((r) => r.code === '35')).toMatchObject({ items: 40, openItems: 40 });
  });

  it('when a set-based INSERT … SELECT generate_series adds thousands of rows, then the trigger runs once for the statement and the figures are exact', async () => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      // On the runner's own connection, for this transaction only: a SET on the pool reaches one connection of eight.
      await runner.query(`SET LOCAL track_functions = 'pl'`);
      await runner.query(
        `INSERT INTO ${ITEM} SELECT g, ($1::text[])[1 + g % 6], ($2::text[])[1 + g % 3], (g % 97) / 4.0 FROM generate_series($3::int, $3::int + 4999) g`,
        [COMMUNITIES, STATUSES, nextId],
      );
      const [calls] = await runner.query(`SELECT calls::int FROM pg_stat_xact_user_functions WHERE schemaname = $1 AND funcname = 'rollup_item_insert'`, [S]);
      expect(calls.calls).toBe(1);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    nextId += 5000;
    await db.query(`INSERT INTO ${OWNER} SELECT g, ($1::text[])[1 + g % 6] FROM generate_series(1, 500) g`, [COMMUNITIES]);
    // parts of owners 1-500, and of owners 501-600 that come after them
    await db.query(`INSERT INTO ${PART} (owner_id, hours) SELECT 1 + g % 600, (g % 7) / 2.0 FROM generate_series(1, 3000) g`);
    await expectExact();
    await db.query(`INSERT INTO ${OWNER} SELECT g, ($1::text[])[1 + g % 5] FROM generate_series(501, 600) g`, [COMMUNITIES]);
    await expectExact();
  });

  it('when updates move rows to another region or status (another partition) and deletes remove some, then the old row is taken away and the new one added', async () => {
    await db.query(`UPDATE ${ITEM} SET region_code = '350105002001' WHERE id % 7 = 0`);
    await db.query(`UPDATE ${ITEM} SET status = 'DONE', amount = amount + 1 WHERE id % 5 = 0 AND status = 'OPEN'`);
    await db.query(`UPDATE ${ITEM} SET status = 'OPEN' WHERE id % 11 = 0`);
    await db.query(`UPDATE ${ITEM} SET amount = NULL WHERE id % 13 = 0`);
    await db.query(`UPDATE ${ITEM} SET amount = amount WHERE id % 2 = 0`); // changes no figure
    await db.query(`DELETE FROM ${ITEM} WHERE id % 17 = 0`);
    await db.query(`UPDATE ${PART} SET hours = hours + 0.5 WHERE id % 3 = 0`);
    await db.query(`DELETE FROM ${PART} WHERE id % 4 = 0`);
    // owners move, change the filter their parts are counted by, or go
    await db.query(`UPDATE ${OWNER} SET region_code = '350102001001' WHERE id % 9 = 0`);
    await db.query(`UPDATE ${OWNER} SET active = false WHERE id % 4 = 1`);
    await db.query(`UPDATE ${OWNER} SET active = true, region_code = '350105001002' WHERE id % 8 = 1`);
    await db.query(`DELETE FROM ${OWNER} WHERE id % 19 = 0`);
    for (let i = 0; i < 30; i += 1) {
      const id = 1 + ((i * 7919) % (nextId - 1));
      await db.query(`UPDATE ${ITEM} SET region_code = $2, status = $3 WHERE id = $1`, [id, COMMUNITIES[i % 6], STATUSES[i % 3]]);
    }
    await expectExact();
  });

  it('when several connections write at once, each statement across many regions in its own order, then none deadlocks and every figure is exact', async () => {
    const worker = async (w: number) => {
      for (let t = 0; t < 12; t += 1) {
        const mine = ids(8);
        const regions = mine.map((_, i) => COMMUNITIES[(w + t + i * 5) % 6]);
        await db.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${ITEM} SELECT id, region, 'OPEN', 1.25 FROM unnest($1::int[], $2::text[]) AS x(id, region)`, [mine, regions.reverse()]);
          await tx.query(`INSERT INTO ${PART} (owner_id, hours) SELECT 1 + unnest($1::int[]) % 600, 0.5`, [mine]);
        });
        // move them all to other regions and close half, in one statement
        await db.query(
          `UPDATE ${ITEM} SET region_code = ($3::text[])[1 + (id + $2) % 6], status = CASE WHEN id % 2 = 0 THEN 'DONE' ELSE status END WHERE id = ANY($1)`,
          [mine, w, COMMUNITIES],
        );
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await expectExact();
  });

  it('when a write is rolled back, then the rollup is as it was', async () => {
    const before = await rollupRows(db, ROLLUP);
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${ITEM} SELECT g, '350105001001', 'OPEN', 3 FROM generate_series($1::int, $1::int + 99) g`, [nextId]);
        await tx.query(`UPDATE ${ITEM} SET region_code = '350203001001' WHERE id < 100`);
        await tx.query(`DELETE FROM ${PART}`);
        await tx.query(`UPDATE ${OWNER} SET region_code = '350203001001'`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await rollupRows(db, ROLLUP)).toEqual(before);
    await expectExact();
  });

  it('when a table is truncated, then its figures are recomputed, and those with parts in another table keep them', async () => {
    await db.query(`TRUNCATE ${PART}`);
    await expectExact();
    const [district] = (await rollupAgainstOracle(db, ROLLUP, FIELDS, ORACLE)).rollup.filter((r) => r.code === '350105');
    expect(district).toMatchObject({ partHours: 0 });
    expect(district.net).not.toBe(0);
  });

  it('when figures are read, then each region sums its range in one statement, and the codes in use are those carrying rows', async () => {
    const sums = await readRollup(db, ROLLUP, ['350105', '350105001', '3502', '350599'], ['items']);
    const [oracle] = await db.query(ORACLE.sql, [['350105', '350105001', '3502', '350599']]).then((rows: any[]) => [rows]);
    expect([...sums].map(([code, figures]) => [code, figures.get('items')])).toEqual(oracle.map((row: any) => [row.code, row.items]));
    // For a district's dashboard (the district and a street), the children in use of each region above them.
    const tables: string[] = (await db.query(ORACLE.regionsInUse)).map((row: any) => row.region_code);
    const inUse = await rollupRegionsInUse(db, ROLLUP, [ITEM])(['350105', '350105001']);
    const expected = new Set(
      tables.flatMap((code) => ['35', '3501', '350105'].filter((a) => code.startsWith(a) && code !== a).map((a) => code.slice(0, childCodeLength(a)!))),
    );
    expect(inUse.sort()).toEqual([...expected].sort());
  });

  it("when a region's sum is read, then it is read from the rollup's key alone (an index-only scan), its values held in the key", async () => {
    await db.query(`VACUUM ${ROLLUP.table}`);
    // One connection for the setting and the plan; the table is small enough that a sequential scan would win otherwise.
    const runner = db.createQueryRunner();
    await runner.query(`SET enable_seqscan = off`);
    try {
      const [plan] = await runner.query(
        `EXPLAIN (FORMAT JSON) SELECT sum(value) FROM ${ROLLUP.table} WHERE figure = 'items' AND region_code >= '3501' AND region_code < '3501~'`,
      );
      const nodes: string[] = [];
      const walk = (node: any) => {
        nodes.push(node['Node Type']);
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(plan['QUERY PLAN'][0].Plan);
      expect(nodes).toContain('Index Only Scan');
    } finally {
      await runner.query(`RESET enable_seqscan`);
      await runner.release();
    }
  });

  it('when a bulk load bypasses the rollup, then no trigger runs for its statements, the figures are rebuilt once at the end, and the triggers are back on', async () => {
    await db.transaction(async (tx) => {
      // In the transaction's own connection: a SET on the pool reaches only one of its connections.
      await tx.query(`SET LOCAL track_functions = 'pl'`);
      // Calls counted before the load: a backend may hold counts of earlier transactions not yet flushed.
      const triggerCalls = async () =>
        new Map<string, number>(
          (await tx.query(`SELECT funcname, calls::int FROM pg_stat_xact_user_functions WHERE schemaname = $1 AND funcname LIKE 'rollup\\_%'`, [S])).map(
            (row: { funcname: string; calls: number }) => [row.funcname, row.calls],
          ),
        );
      const before = await triggerCalls();
      await loadBypassingRollup(tx, 'test', ROLLUP, async () => {
        await tx.query(`INSERT INTO ${ITEM} SELECT g, ($1::text[])[1 + g % 6], 'OPEN', 2 FROM generate_series($2::int, $2::int + 999) g`, [
          COMMUNITIES,
          nextId,
        ]);
        await tx.query(`INSERT INTO ${OWNER} SELECT g, '350203001001' FROM generate_series(700, 720) g`);
        await tx.query(`INSERT INTO ${PART} (owner_id, hours) SELECT 700 + g % 21, 1.5 FROM generate_series(1, 200) g`);
        await tx.query(`UPDATE ${OWNER} SET region_code = '350105001001' WHERE id = 700`);
      });
      const ran = [...(await triggerCalls())].filter(([name, calls]) => calls !== (before.get(name) ?? 0));
      expect(ran).toEqual([]);
    });
    nextId += 1000;
    await expectExact();
    // and kept again by the triggers afterwards
    await db.query(`INSERT INTO ${ITEM} VALUES ($1, '350105001001', 'OPEN', 1)`, [nextId++]);
    await expectExact();
  });

  it('when the rollup is dropped, then its triggers go with it and writes go on', async () => {
    for (const statement of dropRollupSql(ROLLUP)) await db.query(statement);
    await db.query(`INSERT INTO ${ITEM} VALUES ($1, '350105001001', 'OPEN', 1)`, [nextId++]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'rollup%' AND tgrelid::regclass::text LIKE $1`, [`${S}.%`]);
    expect(n).toBe(0);
  });
});
