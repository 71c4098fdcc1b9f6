import type { ClientBase } from 'pg';
import type { StartedSubgraph } from '@civic/shared';
import { recordStatements, type Statement } from '@civic/shared/src/testing';

/** The statements one subgraph ran for a request, to run again directly. */
export interface SubgraphStatements {
  subgraph: string;
  statements: Statement[];
}

/**
 * What the subgraphs' own statistics SQL costs without the graph around it: the
 * statements every subgraph sent while serving one request through the project's
 * gateway, recorded as they left (recordStatements, over TypeORM's logger), so
 * they follow whatever the subgraphs do today (rollups, batching) with nothing
 * written down twice. Only the reads are kept: the replay guard's claim and the
 * audit rows are writes a replay must not repeat, and are no part of the figures.
 */
export async function recordOwnStatements(subgraphs: StartedSubgraph[], request: () => Promise<unknown>): Promise<SubgraphStatements[]> {
  const logs = subgraphs.map((s) => ({ subgraph: s.module.name, log: recordStatements(s.dataSource) }));
  try {
    await request();
  } finally {
    for (const { log } of logs) log.stop();
  }
  return logs.map(({ subgraph, log }) => ({ subgraph, statements: log.statements.filter((s) => isRead(s.sql)) })).filter((s) => s.statements.length > 0);
}

/** A read: SELECT or WITH after the statement's `/* name *\/`, and not a data-modifying WITH. */
function isRead(sql: string): boolean {
  const body = sql.replace(/^\s*\/\*[\s\S]*?\*\/\s*/, '').trimStart();
  return /^(SELECT|WITH)\b/i.test(body) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(body);
}

/**
 * Runs the recorded statements one after another on one connection, as the
 * physical limit is measured (no pool, no parallel subgraphs): the time the
 * database alone needs for what the graph asked of it.
 */
export async function replay(client: ClientBase, recorded: SubgraphStatements[]): Promise<void> {
  for (const { statements } of recorded) {
    for (const statement of statements) await client.query(statement.sql, statement.parameters);
  }
}
