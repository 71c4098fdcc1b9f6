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
 * Reads a graph list from its start, a page of 100 at a time, until `until`
 * items are read or the list ends: the graph pages by cursor, so an offset
 * (HSDS's page number) is reached by walking. `pick` takes the connection out of
 * the answer.
 */
export async function walk<Node>(
  ask: AskGraph,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => Connection<Node>,
  until = Infinity,
): Promise<{ nodes: Node[]; total: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const connection = pick(await ask(query, { ...variables, first: GRAPH_PAGE, after }));
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage || nodes.length >= until) return { nodes, total: connection.totalCount };
    after = connection.pageInfo.endCursor;
  }
}
