import type { DataSource, QueryRunner } from 'typeorm';
import { scratchSchema, type ScratchSchema } from './testing/scratchSchema';
import { insertOrRead } from './insertOrRead';

const SCHEMA = 'insert_or_read_test';

/** One row per key, made by the first of two transactions that race for it. */
describe('insertOrRead', () => {
  let scratch: ScratchSchema;
  let db: DataSource;

  beforeAll(async () => {
    scratch = await scratchSchema(SCHEMA, 'insert-or-read-test', 3);
    db = scratch.db;
    await db.query(`CREATE TABLE ${SCHEMA}.thing (id serial PRIMARY KEY, key text NOT NULL UNIQUE, made_by text NOT NULL)`);
  });
  afterAll(() => scratch?.stop());

  const make = (tx: { query: DataSource['query'] }, key: string, by: string) =>
    insertOrRead<{ id: number; madeBy: string }>(
      tx,
      { sql: `INSERT INTO ${SCHEMA}.thing (key, made_by) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id, made_by AS "madeBy"`, params: [key, by] },
      { sql: `SELECT id, made_by AS "madeBy" FROM ${SCHEMA}.thing WHERE key = $1`, params: [key] },
    );

  /** Resolves once the backend waits on a lock (the other's uncommitted row), so the race is arranged, not timed. */
  async function waitingOnLock(pid: number): Promise<void> {
    for (;;) {
      const [row] = await db.query(`SELECT wait_event_type AS "waits" FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (row?.waits === 'Lock') return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The first transaction inserts and holds its row uncommitted; the second starts to insert the same key and waits on it. */
  async function race(key: string, second: (tx: QueryRunner) => Promise<unknown>, end: (first: QueryRunner) => Promise<void>) {
    const first = db.createQueryRunner();
    const other = db.createQueryRunner();
    try {
      await first.startTransaction();
      const made = await make(first.manager, key, 'first');
      await other.startTransaction();
      const [{ pid }] = await other.query(`SELECT pg_backend_pid() AS pid`);
      const waiting = second(other);
      await waitingOnLock(pid);
      await end(first);
      const answer = await waiting;
      await other.commitTransaction();
      return { made, answer };
    } finally {
      await first.release();
      await other.release();
    }
  }

  it('when the other transaction commits the same key while this one waits, then this one reads its row', async () => {
    const { made, answer } = await race(
      'committed',
      (tx) => make(tx.manager, 'committed', 'second'),
      (first) => first.commitTransaction(),
    );
    expect(made).toEqual({ row: { id: expect.any(Number), madeBy: 'first' }, made: true });
    expect(answer).toEqual({ row: made.row, made: false });
  });

  it('when the other transaction rolls back while this one waits, then this one makes the row', async () => {
    const { answer } = await race(
      'rolled back',
      (tx) => make(tx.manager, 'rolled back', 'second'),
      (first) => first.rollbackTransaction(),
    );
    expect(answer).toEqual({ row: { id: expect.any(Number), madeBy: 'second' }, made: true });
  });

  it('(why two statements) a read in the INSERT statement itself finds nothing when it waited', async () => {
    const oneStatement = (tx: QueryRunner) =>
      tx.query(
        `WITH made AS (INSERT INTO ${SCHEMA}.thing (key, made_by) VALUES ($1, 'second') ON CONFLICT (key) DO NOTHING RETURNING id)
         SELECT id FROM made UNION ALL SELECT id FROM ${SCHEMA}.thing WHERE key = $1`,
        ['one statement'],
      );
    const { answer } = await race('one statement', oneStatement, (first) => first.commitTransaction());
    expect(answer).toEqual([]);
  });
});
