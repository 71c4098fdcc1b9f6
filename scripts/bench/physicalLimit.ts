import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import type { StartedSubgraph } from '@civic/shared';
import { type BenchOperation } from './operations';
import { ask } from './sameData';
import { dashboardFiguresFromSql, dashboardFiguresOfAnswer, DASHBOARD_FIGURES_SQL } from './dashboardSql';
import { recordOwnStatements, replay } from './ownSql';
import { medianMs } from './table';

export interface PhysicalLimit {
  label: string;
  /** median of the dashboard through the project's gateway, one request at a time */
  graphMs: number;
  /** median of the subgraphs' own statements for it, run directly, one after another on one connection */
  ownSqlMs: number;
  ownStatements: number;
  /** median of the minimal SQL for the same figures (dashboardSql.ts) */
  minimalSqlMs: number;
}

/**
 * `--sql`: the graph's latency over the database's for the same figures, each at
 * one connection and one request at a time (no queueing anywhere): how far the
 * graph is from what PostgreSQL alone needs, the "physical limit". The
 * minimal SQL's figures are first checked against the graph's answer, so the
 * floor is for the same numbers.
 */
export async function measurePhysicalLimit(options: {
  databaseUrl: string;
  graphUrl: string;
  headers: Record<string, string>;
  op: BenchOperation;
  subgraphs: StartedSubgraph[];
  rounds: number;
}): Promise<PhysicalLimit> {
  const { op, graphUrl, headers } = options;
  const code = String(op.variables.code);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const fromGraph = dashboardFiguresOfAnswer(await ask(graphUrl, headers, op));
    const fromSql = await dashboardFiguresFromSql(client, code);
    if (!isDeepStrictEqual(fromGraph, fromSql)) {
      throw new Error(`the minimal SQL's figures for ${code} are not the graph's:\n${JSON.stringify({ fromGraph, fromSql })}`);
    }
    const own = await recordOwnStatements(options.subgraphs, () => ask(graphUrl, headers, op));
    // A response cache answering would leave nothing to replay, and the graph timed on cached answers.
    if (own.length === 0) throw new Error(`${op.label} reached no subgraph's database: the graph answered from a cache, so --sql has nothing to measure`);
    // Interleaved, so a slower moment of the shared machine weighs on all three alike.
    const graph: number[] = [];
    const ownSql: number[] = [];
    const minimal: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      graph.push(await timed(() => ask(graphUrl, headers, op)));
      ownSql.push(await timed(() => replay(client, own)));
      minimal.push(await timed(() => client.query(DASHBOARD_FIGURES_SQL, [code])));
    }
    return {
      label: op.label,
      graphMs: medianMs(graph),
      ownSqlMs: medianMs(ownSql),
      ownStatements: own.reduce((sum, s) => sum + s.statements.length, 0),
      minimalSqlMs: medianMs(minimal),
    };
  } finally {
    await client.end();
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
