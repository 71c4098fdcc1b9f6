import type { DataSource } from 'typeorm';
import { backgroundJobScope } from '../jobs';

/** One SQL statement a subgraph sent, with its parameters and the name its comment gives it. */
export interface Statement {
  sql: string;
  parameters: unknown[];
  /** the repository's `/* queryName *\/`, or null for a statement without one */
  name: string | null;
}

export interface StatementLog {
  /** every statement since the log started (or was cleared), in order */
  readonly statements: Statement[];
  /** how many statements of each name, e.g. { requestsPage: 1 } */
  countByName(): Record<string, number>;
  clear(): void;
  stop(): void;
}

/**
 * Records the statements a DataSource runs (a harness's `db`, the pool the subgraph
 * serves from), through TypeORM's logger, which hears every query whether or not
 * logging is on, leaving out those a background job runs (jobs.ts). For tests that
 * count statements: "one query per type per request".
 */
export function recordStatements(db: DataSource): StatementLog {
  const statements: Statement[] = [];
  const logger = db.logger;
  const original = logger.logQuery;
  logger.logQuery = function (sql: string, parameters?: unknown[], ...rest: unknown[]) {
    // A background job's statements (the notice relay, a sweep) are not the request's.
    if (!backgroundJobScope.getStore()) statements.push({ sql, parameters: parameters ?? [], name: /^\s*\/\*\s*([\w:.-]+)\s*\*\//.exec(sql)?.[1] ?? null });
    return original.call(this, sql, parameters, ...(rest as []));
  };
  return {
    statements,
    countByName: () => {
      const counts: Record<string, number> = {};
      for (const s of statements) counts[s.name ?? s.sql] = (counts[s.name ?? s.sql] ?? 0) + 1;
      return counts;
    },
    clear: () => void statements.splice(0),
    stop: () => {
      logger.logQuery = original;
    },
  };
}
