import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { READY, ReadinessProbe, StartupState, startupReason, withTimeout } from './readiness';

/** A readiness check slower than this counts as a database that does not answer. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * A subgraph is ready when it is not seeding, its database answers `SELECT 1`
 * in time and every one of its migrations is applied. The database's own error
 * is logged, not answered: a reason names what is wrong, never where.
 */
export function subgraphReadiness(
  dataSource: DataSource,
  startup: StartupState,
  logger: Pick<Logger, 'warn'>,
  timeoutMs = READINESS_TIMEOUT_MS,
): ReadinessProbe {
  return async () => {
    const starting = startupReason(startup);
    if (starting) return { ready: false, reason: starting };
    try {
      await withTimeout(dataSource.query('/* readiness */ SELECT 1'), timeoutMs, 'no answer in time');
    } catch (error) {
      logger.warn({ err: error }, 'not ready: the database does not answer');
      return { ready: false, reason: 'database unavailable' };
    }
    // showMigrations: true when a migration of this build is not applied yet.
    const pending = await withTimeout(dataSource.showMigrations(), timeoutMs, 'no answer in time').catch((error) => {
      logger.warn({ err: error }, 'not ready: cannot read the applied migrations');
      return true;
    });
    return pending ? { ready: false, reason: 'migrations pending' } : READY;
  };
}
