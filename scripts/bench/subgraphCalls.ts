import type { StartedSubgraph } from '@civic/shared';

/**
 * Subgraph calls counted where they land: the sum over every subgraph's
 * `civic_graphql_requests_total` (its /metrics, open in development). Counting at
 * the subgraphs rather than in a gateway counts every peer the same way,
 * whatever its planner batches or splits.
 */
export async function subgraphCallCount(subgraphs: StartedSubgraph[]): Promise<number> {
  const counts = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const response = await fetch(new URL('metrics', subgraph.service.url));
      if (!response.ok) throw new Error(`${subgraph.module.name}'s /metrics answered ${response.status}: the bench counts calls there`);
      return requestsServed(await response.text());
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** The total of a Prometheus text's `civic_graphql_requests_total` series. */
export function requestsServed(metrics: string): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    const match = /^civic_graphql_requests_total(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match) total += Number(match[1]);
  }
  return total;
}

/**
 * The count once nothing is on its way any more: requests a load run left queued
 * in a gateway still reach the subgraphs after autocannon stopped counting, and
 * would be taken for the next request's calls.
 */
export async function settledCallCount(subgraphs: StartedSubgraph[], quietMs = 300): Promise<number> {
  let count = await subgraphCallCount(subgraphs);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = await subgraphCallCount(subgraphs);
    if (next === count) return count;
    count = next;
  }
}
