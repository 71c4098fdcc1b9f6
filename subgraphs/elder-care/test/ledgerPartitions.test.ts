import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { makeMonthlyPartitionsCovering, sharedJobs } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { LEDGER_PARTITIONING } from '../src/domain/timeBank';
import { accountRepository } from '../src/repositories/accounts';
import { anAccountWith, ledgerBreaches } from './arrange';

/**
 * Issue 18.5: the ledger is partitioned by month, and one deposit per request still
 * holds across all its months (the PartitionedLedger migration's claim table).
 */
describe('the ledger, partitioned by month', () => {
  let graph: SubgraphHarness;
  const clients: Client[] = [];
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await graph.stop();
  });
  afterEach(async () => {
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
  });

  const serving = async () => {
    const client = new Client({ connectionString: graph.database.url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const monthName = (offset: number, from = new Date()) => {
    const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + offset, 1));
    return `time_bank_transfer_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const partitions = async () =>
    (
      await graph.db.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'elder_care.time_bank_transfer'::regclass ORDER BY 1`,
      )
    ).map((r: { name: string }) => r.name);

  /** A completed request with its deposit, and what the books look like after it. */
  async function aDeposit() {
    const volunteer = randomUUID();
    const account = await anAccountWith(graph.db, volunteer, 2);
    const [deposit] = await graph.db.query(
      `SELECT t.id, t.request_id AS "requestId", t.debit_account_id AS issuing, t.created_at AS at
       FROM elder_care.time_bank_transfer t WHERE t.credit_account_id = $1 AND t.kind = 'DEPOSIT'`,
      [account],
    );
    return { account, ...deposit };
  }
  const books = async (account: string) =>
    graph.db.query(
      `SELECT (SELECT balance::float8 FROM elder_care.time_bank_account WHERE id = $1) AS balance,
              (SELECT count(*)::int FROM elder_care.time_bank_transfer WHERE credit_account_id = $1) AS transfers`,
      [account],
    );
  const depositAgain = (client: Client, d: { issuing: string; account: string; requestId: string }, at: string) =>
    client.query(
      `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id, created_at)
       VALUES ('DEPOSIT', $1, $2, 2, $3, $4)`,
      [d.issuing, d.account, d.requestId, at],
    );

  it('when the graph is migrated, then the ledger is ranged by month on created_at with the coming months made, and the maintenance job keeps them', async () => {
    const [key] = await graph.db.query(
      `SELECT p.partstrat AS strategy, a.attname AS key FROM pg_partitioned_table p
       JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
       WHERE p.partrelid = 'elder_care.time_bank_transfer'::regclass`,
    );
    expect(key).toEqual({ strategy: 'r', key: 'created_at' });
    expect(await partitions()).toEqual(expect.arrayContaining([0, 1, 2, 3].map((i) => monthName(i))));
    const job = sharedJobs(elderCare).find((j) => j.name === 'partition maintenance')!;
    // Run as the serving role: it makes no month twice, and the ledger is one of its tables (no retention: its months stay).
    await expect(job.run(graph.db, {} as never)).resolves.toEqual({ made: 0, dropped: 0 });
    expect(elderCare.monthlyTables).toContain(LEDGER_PARTITIONING);
    expect(LEDGER_PARTITIONING.retentionMonths).toBeUndefined();
  });

  it("when a request's hours are deposited a second time, in its month or another, then the second is refused with a unique violation and posts nothing", async () => {
    const d = await aDeposit();
    const before = await books(d.account);
    const client = await serving();
    const earlier = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 5, 10));
    expect(await makeMonthlyPartitionsCovering(graph.db, LEDGER_PARTITIONING, earlier, earlier)).toBe(1);
    for (const at of [new Date().toISOString(), earlier.toISOString(), new Date(Date.now() + 40 * 86_400_000).toISOString()]) {
      await expect(depositAgain(client, d, at)).rejects.toMatchObject({ code: '23505', constraint: 'time_bank_deposit_pkey' });
    }
    expect(await books(d.account)).toEqual(before);
    const claims = await graph.db.query(`SELECT transfer_id::text AS id FROM elder_care.time_bank_deposit WHERE request_id = $1`, [d.requestId]);
    expect(claims).toEqual([{ id: String(d.id) }]);
  });

  it('when two transactions deposit for the same request at once, then one commits and the other is refused', async () => {
    // A request completed, its deposit not yet made: both race to make it.
    const d = await aDeposit();
    const [request] = await graph.db.query(
      `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
       SELECT elder_id, region_code, category, mode, status, volunteer_person_id, hours, 'PENDING', completed_at
       FROM elder_care.service_request WHERE id = $1 RETURNING id`,
      [d.requestId],
    );
    const [a, b] = [await serving(), await serving()];
    await a.query('BEGIN');
    await b.query('BEGIN');
    const race = { ...d, requestId: request.id };
    await depositAgain(a, race, new Date().toISOString());
    const second = depositAgain(b, race, new Date().toISOString()).then(
      () => 'written',
      (error) => error.code,
    );
    await a.query('COMMIT');
    expect(await second).toBe('23505');
    await b.query('ROLLBACK');
    const [{ deposits }] = await graph.db.query(
      `SELECT count(*)::int AS deposits FROM elder_care.time_bank_transfer WHERE request_id = $1 AND kind = 'DEPOSIT'`,
      [request.id],
    );
    expect(deposits).toBe(1);
  });

  it('when anyone changes or removes a deposit claim, then it is refused: the claims are as append-only as the ledger', async () => {
    const d = await aDeposit();
    const owner = new Client({ connectionString: graph.database.migrationUrl });
    await owner.connect();
    clients.push(owner);
    for (const client of [await serving(), owner]) {
      for (const change of [
        `DELETE FROM elder_care.time_bank_deposit WHERE request_id = '${d.requestId}'`,
        `UPDATE elder_care.time_bank_deposit SET request_id = gen_random_uuid() WHERE request_id = '${d.requestId}'`,
        `TRUNCATE elder_care.time_bank_deposit`,
      ]) {
        await expect(client.query(change)).rejects.toThrow(/append-only|permission denied/);
      }
    }
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.time_bank_deposit WHERE request_id = $1`, [d.requestId]);
    expect(n).toBe(1);
  });

  it("when an account's transfers span months, then its statement still pages newest first across them, and a month's rows sit in that month", async () => {
    const d = await aDeposit();
    const [redemption] = await graph.db.query(
      `INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('REDEMPTION', '3501')
       ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO UPDATE SET kind = EXCLUDED.kind RETURNING id`,
    );
    const months = [-3, -2, -1].map((m) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + m, 12)));
    await makeMonthlyPartitionsCovering(graph.db, LEDGER_PARTITIONING, months[0], months[2]);
    // Three spendings of half an hour, one in each of the last three months, written oldest first.
    for (const at of months) {
      await graph.db.query(
        `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, category, created_at)
         VALUES ('REDEMPTION', $1, $2, 0.5, 'MEAL', $3)`,
        [d.account, redemption.id, at],
      );
    }
    const placed = await graph.db.query(
      `SELECT tableoid::regclass::text AS partition, created_at AS at FROM elder_care.time_bank_transfer
       WHERE debit_account_id = $1 ORDER BY id`,
      [d.account],
    );
    expect(placed.map((p: { partition: string }) => p.partition)).toEqual(months.map((m) => `elder_care.${monthName(0, m)}`));
    const accounts = accountRepository(graph.db);
    const page = await accounts.entriesOfAccounts([d.account], 2, null);
    expect(page.map((e) => e.kind)).toEqual(['REDEMPTION', 'REDEMPTION']);
    expect(page.map((e) => new Date(e.createdAt).getTime())).toEqual([months[2].getTime(), months[1].getTime()]);
    const rest = await accounts.entriesOfAccounts([d.account], 10, [String(page[1].createdAt), page[1].id]);
    expect(rest.map((e) => e.kind)).toEqual(['REDEMPTION', 'DEPOSIT']);
    expect(await accounts.entryCounts([d.account])).toEqual([{ accountId: d.account, count: 4 }]);
    expect((await books(d.account))[0].balance).toBe(0.5);
  });
});
