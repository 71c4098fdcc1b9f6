import type { DataSource } from 'typeorm';
import { Gauge, type Registry } from '@civic/shared';
import { LEDGER_PARTITIONING } from './domain/timeBank';

interface Movements {
  kind: string;
  movements: number;
  hours: number;
}

const MONTH = new RegExp(`^${LEDGER_PARTITIONING.table}_[0-9]{4}_[0-9]{2}$`);

/**
 * The ledger's movements by kind, summed month by month (the ledger is partitioned
 * by month, LEDGER_PARTITIONING): a month's sums are kept until PostgreSQL's count of
 * rows inserted into its partition (`pg_stat_user_tables.n_tup_ins`) moves, so a
 * scrape reads only the months written since the last one, in production the
 * current month alone. Transfers are never updated or deleted, so no other change
 * can make a month's sums wrong; a count that moves for nothing (a rolled-back
 * insert, a statistics reset) only costs a re-read. PostgreSQL publishes the counts
 * within seconds of a commit, so a scrape right after one into an older month may
 * be one scrape late. Before: one grouped count over the whole ledger per scrape,
 * 188 ms at city size (README "Scaling").
 */
export function ledgerMovements(db: Pick<DataSource, 'query'>): () => Promise<Movements[]> {
  const cached = new Map<string, { inserted: string; sums: Movements[] }>();
  return async () => {
    const parts: { month: string; inserted: string | null }[] = await db.query(
      `/* ledgerMonths */ SELECT c.relname AS month, s.n_tup_ins::text AS inserted FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       WHERE i.inhparent = $1::regclass`,
      [`${LEDGER_PARTITIONING.schema}.${LEDGER_PARTITIONING.table}`],
    );
    const months = parts.filter((p) => MONTH.test(p.month));
    for (const month of [...cached.keys()]) if (!months.some((p) => p.month === month)) cached.delete(month);
    const sumsOf = new Map<string, Movements[]>();
    const stale = months.filter((p) => {
      const kept = cached.get(p.month);
      if (p.inserted !== null && kept?.inserted === p.inserted) sumsOf.set(p.month, kept.sums);
      return !sumsOf.has(p.month);
    });
    if (stale.length) {
      const rows: (Movements & { month: string })[] = await db.query(
        `/* timeBankMovementsByKind */ ${stale
          .map((p) => {
            // Through the parent, pruned to the month's partition by its bounds (as the make function set them, UTC):
            // the serving role's rights are the parent's, and a month made later by the owner has no grants of its own.
            const first = `'${p.month.slice(-7, -3)}-${p.month.slice(-2)}-01 00:00:00+00'::timestamptz`;
            return `SELECT '${p.month}' AS month, kind, count(*)::int AS movements, coalesce(sum(hours), 0)::float8 AS hours
                    FROM ${LEDGER_PARTITIONING.schema}.${LEDGER_PARTITIONING.table}
                    WHERE created_at >= ${first} AND created_at < ${first} + interval '1 month' GROUP BY kind`;
          })
          .join(' UNION ALL ')}`,
      );
      for (const p of stale) {
        const sums = rows.filter((r) => r.month === p.month).map(({ kind, movements, hours }) => ({ kind, movements, hours }));
        sumsOf.set(p.month, sums);
        // A month without a published count yet is read again next time.
        if (p.inserted === null) cached.delete(p.month);
        else cached.set(p.month, { inserted: p.inserted, sums });
      }
    }
    const total = new Map<string, Movements>();
    for (const sums of sumsOf.values()) {
      for (const s of sums) {
        const t = total.get(s.kind) ?? { kind: s.kind, movements: 0, hours: 0 };
        t.movements += s.movements;
        t.hours += s.hours;
        total.set(s.kind, t);
      }
    }
    return [...total.values()];
  };
}

/**
 * Time bank movements by kind (DEPOSIT, DONATION, REDEMPTION, …), read from the
 * ledger at scrape time rather than counted in the transfer path: the ledger is
 * the truth, the figures are the same on every replica and survive restarts, and
 * no write path carries metrics code. Use rate()/increase() over them as over a
 * counter. The cost is a grouped count of the months written since the last
 * scrape (ledgerMovements; README, "Metrics").
 */
export function timeBankMetrics(registry: Registry, db: DataSource): void {
  const movements = ledgerMovements(db);
  // Both gauges are collected in one scrape: they share one read.
  let pending: Promise<Movements[]> | null = null;
  const read = () => (pending ??= movements().finally(() => setImmediate(() => (pending = null))));
  new Gauge({
    name: 'civic_time_bank_movements',
    help: 'Time bank transfers committed to the ledger, by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const row of await read()) this.set({ kind: row.kind }, row.movements);
    },
  });
  new Gauge({
    name: 'civic_time_bank_movement_hours',
    help: 'Hours moved by time bank transfers committed to the ledger, by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const row of await read()) this.set({ kind: row.kind }, row.hours);
    },
  });
}
