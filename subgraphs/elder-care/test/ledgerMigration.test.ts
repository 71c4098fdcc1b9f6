import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { migrate, subgraphDataSource } from '@civic/shared';
import { createEmptyTestDatabase, TestDatabase } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { LEDGER_CHECK_SQL } from './arrange';

/** Elder care as it was before the double-entry books: every migration up to the single-entry time bank. */
const BEFORE = (elderCare.migrations as Function[]).filter((m) => /TimeBank1764057600002|CreateElderCare|ProgrammeAndRequests|CareDataAccessLog/.test(m.name));

/**
 * Old single-entry rows as the services wrote them: a volunteer with hours carried
 * over (a DEPOSIT without a request) and two services, one of which overflowed into
 * the community's pool; the pool's grant to an elder; a donation between people; a
 * redemption and a reward.
 */
async function writeOldRows(db: DataSource) {
  const [volunteer, friend, elderPerson] = [randomUUID(), randomUUID(), randomUUID()];
  const community = '350105001004';
  const [elder] = await db.query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES ($1, $2, '{LIVING_ALONE}') RETURNING id`, [
    elderPerson,
    community,
  ]);
  const request = async (hours: number) =>
    (
      await db.query(
        `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours)
     VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', 'RATED', $3, $4) RETURNING id`,
        [elder.id, community, volunteer, hours],
      )
    )[0].id;
  const [r1, r2] = [await request(2), await request(3)];
  const account = async (personId: string | null, balance: number, deposited: number) =>
    (
      await db.query(
        `INSERT INTO elder_care.time_bank_account (person_id, pool_region_code, region_code, balance, total_deposited) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [personId, personId ? null : community, community, balance, deposited],
      )
    )[0].id;
  // volunteer: 1497 carried + 2 + 3 = 1502, 2 over the cap to the pool → 1500; gives 5 to friend → 1495; redeems 4, buys a 5-hour reward → 1486
  const v = await account(volunteer, 1486, 1502);
  const f = await account(friend, 5, 0);
  const pool = await account(null, 1, 0); // 2 in, 1 granted
  const e = await account(elderPerson, 1, 0);
  const entries: [string, string, number, string | null, string | null, string | null][] = [
    [v, 'DEPOSIT', 1497, null, null, null],
    [v, 'DEPOSIT', 2, r1, null, 'k-deposit'],
    [v, 'DEPOSIT', 3, r2, null, null],
    [v, 'DONATION_OUT', -2, r2, pool, null],
    [pool, 'DONATION_IN', 2, r2, v, null],
    [v, 'DONATION_OUT', -5, null, f, 'k-gift'],
    [f, 'DONATION_IN', 5, null, v, null],
    [pool, 'DONATION_OUT', -1, null, e, 'k-grant'],
    [e, 'DONATION_IN', 1, null, pool, null],
    [v, 'REDEMPTION', -4, null, null, 'k-redeem'],
    [v, 'REWARD', -5, null, null, 'k-reward'],
  ];
  for (const [accountId, kind, hours, requestId, counterpart, key] of entries) {
    await db.query(
      `INSERT INTO elder_care.time_bank_entry (account_id, kind, hours, request_id, counterpart_account_id, idempotency_key, created_at, reward, category)
       VALUES ($1, $2, $3, $4, $5, $6, '2026-01-05T10:00:00+08:00', $7, $8)`,
      [accountId, kind, hours, requestId, counterpart, key, kind === 'REWARD' ? 'HONOUR_CERTIFICATE' : null, kind === 'REDEMPTION' ? 'MEAL' : null],
    );
  }
  return { v, f, pool, e, r1, r2 };
}

describe('the double-entry migration, on a database with single-entry rows', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  /** A fresh database migrated to the old time bank, the old rows written, then the rest of the migrations. */
  async function migrateWith(arrange: (db: DataSource) => Promise<unknown>) {
    const database = await createEmptyTestDatabase();
    databases.push(database);
    const old = await subgraphDataSource({ ...elderCare, migrations: BEFORE }, database.url, 2).initialize();
    await migrate(old, elderCare.dbSchema);
    const arranged = await arrange(old);
    await old.destroy();
    const db = await subgraphDataSource(elderCare, database.url, 2).initialize();
    return { db, arranged, run: () => migrate(db, elderCare.dbSchema) };
  }

  it('when the old rows are converted, then each becomes one side of a transfer, balances are unchanged and the books sum to zero', async () => {
    const { db, arranged, run } = await migrateWith(writeOldRows);
    try {
      await run();
      const ids = arranged as Awaited<ReturnType<typeof writeOldRows>>;
      const transfers = await db.query(`
        SELECT t.kind, d.kind AS debit, c.kind AS credit, t.hours::float8 AS hours, t.request_id AS request
        FROM elder_care.time_bank_transfer t
        JOIN elder_care.time_bank_account d ON d.id = t.debit_account_id JOIN elder_care.time_bank_account c ON c.id = t.credit_account_id
        ORDER BY t.id`);
      expect(transfers).toEqual([
        { kind: 'OPENING_BALANCE', debit: 'ISSUING', credit: 'PERSON', hours: 1497, request: null },
        { kind: 'DEPOSIT', debit: 'ISSUING', credit: 'PERSON', hours: 2, request: ids.r1 },
        { kind: 'DEPOSIT', debit: 'ISSUING', credit: 'PERSON', hours: 3, request: ids.r2 },
        { kind: 'OVERFLOW', debit: 'PERSON', credit: 'POOL', hours: 2, request: ids.r2 },
        { kind: 'DONATION', debit: 'PERSON', credit: 'PERSON', hours: 5, request: null },
        { kind: 'GRANT', debit: 'POOL', credit: 'PERSON', hours: 1, request: null },
        { kind: 'REDEMPTION', debit: 'PERSON', credit: 'REDEMPTION', hours: 4, request: null },
        { kind: 'REWARD', debit: 'PERSON', credit: 'REDEMPTION', hours: 5, request: null },
      ]);
      const accounts = await db.query(
        `SELECT id, kind, region_code, balance::float8 AS balance, total_deposited::float8 AS deposited FROM elder_care.time_bank_account ORDER BY kind, id`,
      );
      const byId = new Map(accounts.map((a: any) => [a.id, a]));
      expect([ids.v, ids.f, ids.pool, ids.e].map((id) => (byId.get(id) as any).balance)).toEqual([1486, 5, 1, 1]);
      expect((byId.get(ids.v) as any).deposited).toBe(1502);
      expect(accounts.filter((a: any) => a.kind === 'ISSUING')).toEqual([expect.objectContaining({ region_code: '3501', balance: -1502 })]);
      expect(accounts.filter((a: any) => a.kind === 'REDEMPTION')).toEqual([expect.objectContaining({ region_code: '3501', balance: 9 })]);
      const [check] = await db.query(LEDGER_CHECK_SQL);
      expect(check).toEqual({ mismatched: 0, negative: 0, total: '0.00' });
      // The served requests were deposited on completion, as the old code did: DEPOSITED, with their completion time.
      const requests = await db.query(`SELECT hours_status, completed_at IS NOT NULL AS completed FROM elder_care.service_request`);
      expect(requests).toEqual([
        { hours_status: 'DEPOSITED', completed: true },
        { hours_status: 'DEPOSITED', completed: true },
      ]);
      // From now on the database keeps the balances: the old way of writing them is refused.
      await expect(db.query(`UPDATE elder_care.time_bank_account SET balance = balance + 1 WHERE id = $1`, [ids.f])).rejects.toThrow(/only by transfer/);
    } finally {
      await db.destroy();
    }
  });

  it('when an old balance does not match its rows, then the migration stops and changes nothing', async () => {
    const { db, run } = await migrateWith(async (old) => {
      const ids = await writeOldRows(old);
      await old.query(`UPDATE elder_care.time_bank_account SET balance = balance + 10 WHERE id = $1`, [ids.f]);
    });
    try {
      await expect(run()).rejects.toThrow(/balances differ from their ledgers/);
      const [{ entries }] = await db.query(`SELECT count(*)::int AS entries FROM elder_care.time_bank_entry`);
      expect(entries).toBe(11);
      expect(await db.query(`SELECT to_regclass('elder_care.time_bank_transfer') AS t`)).toEqual([{ t: null }]);
    } finally {
      await db.destroy();
    }
  });
});
