import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { makeMonthlyPartitionsCovering } from '@civic/shared';
import { recordStatements, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { LEDGER_PARTITIONING } from '../src/domain/timeBank';
import { ledgerMovements } from '../src/metrics';
import { anAccountWith } from './arrange';

/** The time bank's movement metrics, month by month over the partitioned ledger (ledgerMovements). */
describe('the time bank movement metrics', () => {
  let graph: SubgraphHarness;
  let writer: Client;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
    writer = new Client({ connectionString: graph.database.url });
    await writer.connect();
  });
  afterAll(async () => {
    await writer.end();
    await graph.stop();
  });

  const ledger = async () =>
    (
      await graph.db.query(
        `SELECT kind, count(*)::int AS movements, sum(hours)::float8 AS hours FROM elder_care.time_bank_transfer GROUP BY kind ORDER BY kind`,
      )
    ).map((r: { kind: string; movements: number; hours: number }) => r);
  const sorted = (rows: { kind: string }[]) => [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
  let holder: string;
  beforeAll(async () => {
    // The account, on the one connection whose statistics the tests publish.
    const onWriter = { query: (text: string, params?: unknown[]) => writer.query(text, params).then((r) => r.rows) } as unknown as DataSource;
    holder = await anAccountWith(onWriter, randomUUID(), 1);
  });
  /** An opening balance of `hours` for the holder at `at`, its statistics published (as a commit's are within seconds). */
  async function carryOver(hours: number, at?: Date) {
    await writer.query(
      `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, created_at)
       SELECT 'OPENING_BALANCE', t.debit_account_id, t.credit_account_id, $2, coalesce($3, now())
       FROM elder_care.time_bank_transfer t WHERE t.credit_account_id = $1 AND t.kind = 'DEPOSIT'`,
      [holder, hours, at ?? null],
    );
    await writer.query(`SELECT pg_stat_force_next_flush()`);
    await writer.query(`SELECT 1`);
  }

  it('when scraped again, then only the months written since are read, and the sums are the whole ledger’s', async () => {
    await carryOver(3);
    const read = ledgerMovements(graph.db);
    expect(sorted(await read())).toEqual(await ledger());

    // Nothing written since: no month is read again.
    const expected = await ledger();
    const quiet = recordStatements(graph.db);
    try {
      expect(sorted(await read())).toEqual(expected);
      expect(quiet.statements.map((s) => s.name)).toEqual(['ledgerMonths']);
    } finally {
      quiet.stop();
    }

    // A month five back, written now (an import, a seed): that month alone is read again, and counted.
    const earlier = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 5, 3));
    await makeMonthlyPartitionsCovering(graph.db, LEDGER_PARTITIONING, earlier, earlier);
    await carryOver(7.5, earlier);
    await read();
    await carryOver(2, earlier);
    const busy = recordStatements(graph.db);
    let afterBoth: Awaited<ReturnType<typeof read>>;
    try {
      afterBoth = await read();
      const months = busy.statements.find((s) => s.name === 'timeBankMovementsByKind')?.sql.match(/'time_bank_transfer_\d{4}_\d{2}'/g);
      expect(months).toEqual([`'time_bank_transfer_${earlier.getUTCFullYear()}_${String(earlier.getUTCMonth() + 1).padStart(2, '0')}'`]);
    } finally {
      busy.stop();
    }
    expect(sorted(afterBoth)).toEqual(await ledger());
  });
});
