import type { DataSource } from 'typeorm';
import { Gauge, Registry } from 'prom-client';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** TypeORM's pg pool behind a data source (its PostgresDriver's `master`). */
const poolOf = (dataSource: DataSource): PgPool | undefined => (dataSource.driver as unknown as { master?: PgPool }).master;

/**
 * A subgraph's database pool, read at scrape time: connections open and idle,
 * callers waiting for one (a pool too small for its load), and its size.
 */
export function poolMetrics(registry: Registry, dataSource: DataSource): void {
  const gauge = (name: string, help: string, read: (pool: PgPool) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const pool = poolOf(dataSource);
        const value = pool ? read(pool) : undefined;
        if (value !== undefined) this.set(value);
      },
    });
  gauge('civic_db_pool_connections', 'Connections the database pool holds open', (pool) => pool.totalCount);
  gauge('civic_db_pool_idle_connections', 'Open connections no query is using', (pool) => pool.idleCount);
  gauge('civic_db_pool_waiting_requests', 'Queries waiting for a connection', (pool) => pool.waitingCount);
  gauge('civic_db_pool_max_connections', 'The pool size (DB_POOL_SIZE)', (pool) => pool.options?.max);
}
