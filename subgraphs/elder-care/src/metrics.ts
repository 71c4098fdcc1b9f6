import type { DataSource } from 'typeorm';
import { Gauge, type Registry } from '@civic/shared';

/**
 * Time bank movements by kind (DEPOSIT, DONATION, REDEMPTION, …), read from the
 * ledger at scrape time rather than counted in the transfer path: the ledger is
 * the truth, the figures are the same on every replica and survive restarts, and
 * no write path carries metrics code. Use rate()/increase() over them as over a
 * counter. The cost is one grouped count per scrape (README, "Metrics").
 */
export function timeBankMetrics(registry: Registry, db: DataSource): void {
  // Both gauges are collected in one scrape: they share one query.
  let pending: Promise<{ kind: string; movements: number; hours: number }[]> | null = null;
  const read = () =>
    (pending ??= db
      .query(
        `/* timeBankMovementsByKind */ SELECT kind, count(*)::int AS movements, coalesce(sum(hours), 0)::float8 AS hours FROM elder_care.time_bank_transfer GROUP BY kind`,
      )
      .finally(() => setImmediate(() => (pending = null))));
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
