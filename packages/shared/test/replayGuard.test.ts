import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { QueryRunner } from 'typeorm';
import { asyncCommitSql, replayGuard, replayGuardPool, signedRequestMigration } from '../src/auth/replayGuard';
import { createEmptyTestDatabase, TestDatabase } from '../src/testing/database';

describe('the replay guard', () => {
  let database: TestDatabase;
  let client: Client;
  const sql = { query: (text: string, params?: unknown[]) => client.query(text, params as any[]).then((r) => r.rows) };
  const kept = async () => (await sql.query(`SELECT id FROM replay_test.signed_request ORDER BY expires_at`)).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await sql.query(`CREATE SCHEMA replay_test`);
    await new (signedRequestMigration('replay_test'))().up(sql as unknown as QueryRunner);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("when the server ends the guard pool's idle connections (a restart), then the subgraph lives on and the next claim connects anew", async () => {
    const guard = replayGuardPool(database.url, 'replay_test', 'civic-replay-test');
    try {
      expect(await guard.claim(randomUUID(), Date.now())).toBe(true);
      // Unhandled, the pool's 'error' event for the ended connection fails this test run.
      await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'civic-replay-test'`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await guard.claim(randomUUID(), Date.now())).toBe(true);
    } finally {
      await guard.close();
    }
  });

  it('when a claim commits without waiting for the disk, then that holds for its own transaction only, never for the connection (a transaction pooler hands it on)', async () => {
    // One connection, as a PgBouncer in transaction mode gives the next client the server connection the last one used.
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      const claimSql = asyncCommitSql(pool);
      expect(await claimSql.query(`SELECT current_setting('synchronous_commit') AS setting`)).toEqual([{ setting: 'off' }]);
      const after = await pool.query(`SELECT current_setting('synchronous_commit') AS setting, pg_backend_pid() AS pid`);
      expect(after.rows[0].setting).toBe('on');
      // A failed statement rolls its transaction back and leaves the connection usable.
      await expect(claimSql.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
      expect((await pool.query(`SELECT current_setting('synchronous_commit') AS setting, pg_backend_pid() AS pid`)).rows[0]).toEqual(after.rows[0]);
    } finally {
      await pool.end();
    }
  });

  it('when a call is claimed, then its claim, in a transaction of its own, costs one round trip to the server', async () => {
    const pool = new Pool({ connectionString: database.url, max: 1 });
    const sent: string[] = [];
    pool.on('connect', (connection) => {
      const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
      (connection as unknown as { query: unknown }).query = (...args: unknown[]) => {
        sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text));
        return query(...args);
      };
    });
    try {
      const guard = replayGuard(asyncCommitSql(pool), 'replay_test');
      // The first claim also sweeps expired ids (once a window).
      expect(await guard.claim(randomUUID(), Date.now())).toBe(true);
      sent.length = 0;
      const id = randomUUID();
      expect(await guard.claim(id, Date.now())).toBe(true);
      expect(sent).toEqual([expect.stringMatching(/^BEGIN; SET LOCAL synchronous_commit TO off; \/\* claimSignedRequests \*\/ INSERT .*; COMMIT$/s)]);
      expect(await guard.claim(id, Date.now())).toBe(false);
      expect(sent).toHaveLength(2);
    } finally {
      await pool.end();
    }
  });

  it('when two guards (two replicas) claim the same id, then only the first claim wins', async () => {
    const id = randomUUID();
    const [a, b] = [replayGuard(sql, 'replay_test'), replayGuard(sql, 'replay_test')];
    expect(await a.claim(id, Date.now())).toBe(true);
    expect(await b.claim(id, Date.now())).toBe(false);
    expect(await a.claim(id, Date.now())).toBe(false);
  });

  it('when one id is claimed twice in the same tick (one statement for both), then exactly one claim wins', async () => {
    const guard = replayGuard(sql, 'replay_test');
    const [id, other] = [randomUUID(), randomUUID()];
    const results = await Promise.all([guard.claim(id, Date.now()), guard.claim(other, Date.now()), guard.claim(id, Date.now())]);
    expect(results).toEqual([true, true, false]);
  });

  it('when a window has passed, then a claim sweeps ids whose timestamps aged out a window ago, and keeps the rest', async () => {
    await sql.query(`DELETE FROM replay_test.signed_request`);
    const t0 = 1_800_000_000_000;
    let now = t0;
    const guard = replayGuard(sql, 'replay_test', () => now);
    const [old, recent, third, fourth] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await guard.claim(old, now);
    now = t0 + 50_000;
    await guard.claim(recent, now);
    // The window (MAX_SIGNATURE_AGE_MS) is 60 s. Old's timestamp ages out at t0 + 60 s; a sweep a second later still keeps it, for replicas whose clocks lag.
    now = t0 + 61_000;
    await guard.claim(third, now);
    expect(await kept()).toEqual([old, recent, third]);
    // A window after that, old goes; recent (aged out at t0 + 110 s) is kept a while longer.
    now = t0 + 121_000;
    await guard.claim(fourth, now);
    expect(await kept()).toEqual([recent, third, fourth]);
  });
});
