import type { AskGraph } from './askGraph';

/** A connection as the graph pages it. */
export interface Connection<Node> {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { node: Node }[];
}

/** The graph's largest page (`first` at most 100 on every list). */
export const GRAPH_PAGE = 100;

/**
 * A graph list from its start, one page of 100 at a time, each page asked only
 * when the one before has been taken: the exports write a page before they ask
 * for the next, so a province-wide list never sits in memory. `pick` takes the
 * connection out of the answer.
 */
export async function* pagesOf<Node>(
  ask: (variables: Record<string, unknown>) => Promise<unknown>,
  pick: (data: any) => Connection<Node>,
): AsyncGenerator<{ nodes: Node[]; total: number }> {
  let after: string | null = null;
  for (;;) {
    const connection = pick(await ask({ first: GRAPH_PAGE, after }));
    yield { nodes: connection.edges.map((edge) => edge.node), total: connection.totalCount };
    if (!connection.pageInfo.hasNextPage) return;
    after = connection.pageInfo.endCursor;
  }
}

/**
 * Reads a graph list from its start until `until` items are read or the list
 * ends: the graph pages by cursor, so an offset (HSDS's page number) is reached
 * by walking.
 */
export async function walk<Node>(
  ask: AskGraph,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Connection<Node>,
  until = Infinity,
): Promise<{ nodes: Node[]; total: number }> {
  const nodes: Node[] = [];
  let total = 0;
  for await (const page of pagesOf((paging) => ask(query, { ...variables, ...paging }), pick)) {
    nodes.push(...page.nodes);
    total = page.total;
    if (nodes.length >= until) break;
  }
  return { nodes, total };
}
