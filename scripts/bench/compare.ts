import type { StartedSubgraph } from '@civic/shared';
import { combineRounds, drive, type LoadResult } from './load';
import type { BenchOperation } from './operations';
import { PEERS, startPeer, type Peer } from './peers';
import { answer, assertSameData, callsPerRequest } from './sameData';
import { settledCallCount } from './subgraphCalls';
import type { SigningOptions } from './signingPlugin';
import { printCompare } from './table';

export interface CompareOptions {
  ours: string;
  headers: Record<string, string>;
  subgraphs: StartedSubgraph[];
  signing: SigningOptions;
  operations: BenchOperation[];
  /** each connection count is a run of its own, one after another */
  connections: number[];
  /** seconds of each gateway in each round */
  duration: number;
  rounds: number;
}

/**
 * `--compare`: the same operations through the project's gateway and each peer,
 * over the same running subgraphs and data. Each peer must first answer every
 * operation with exactly our data (or the run stops); then, per operation, the
 * gateways take turns in rounds (ours, JS planner, Rust planner, again), so a
 * slower stretch of the shared machine falls on all of them rather than on one.
 */
export async function compare(options: CompareOptions): Promise<void> {
  const peers: Peer[] = [];
  try {
    for (const { name, rust } of PEERS) peers.push(await startPeer(name, rust, options.signing));
    for (const op of options.operations) for (const peer of peers) await assertSameData(options.ours, peer, options.headers, op);
    console.log(`\nEvery peer answers every operation with the project gateway's data. ${options.rounds} rounds of ${options.duration} s each:`);
    const gateways = [{ name: 'project gateway (@apollo/gateway)', url: options.ours }, ...peers];
    for (const connections of options.connections)
      for (const op of options.operations) {
        // Counted one request at a time, before the load, so nothing else is in the subgraphs' counts.
        const calls: number[] = [];
        for (const g of gateways) calls.push(await callsPerRequest(g.url, options.headers, op, options.subgraphs));
        if (calls[0] === 0) console.log(`  ${op.label}: the project gateway made no subgraph call: its answers came from a cache`);
        const expected = await Promise.all(gateways.map(async (g) => (await answer(g.url, options.headers, op)).text));
        const rounds: LoadResult[][] = gateways.map(() => []);
        // The calls under load too: a gateway sharing calls among concurrent requests would show it here.
        const callsUnderLoad = gateways.map(() => 0);
        for (let round = 0; round < options.rounds; round++) {
          for (const [i, g] of gateways.entries()) {
            const before = await settledCallCount(options.subgraphs);
            rounds[i].push(await drive(g.url, options.headers, op, connections, options.duration, expected[i]));
            callsUnderLoad[i] += (await settledCallCount(options.subgraphs)) - before;
          }
        }
        const results = rounds.map(combineRounds);
        printCompare(
          `${op.label} (${connections} connections)`,
          gateways.map((g, i) => ({
            gateway: g.name,
            result: results[i],
            calls: calls[i],
            callsUnderLoad: callsUnderLoad[i] / results[i].sent,
            ratio: results[i].requestsPerSecond / results[0].requestsPerSecond,
          })),
        );
      }
  } finally {
    for (const peer of peers) await peer.stop();
  }
}
