import { parse } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';

/** What one operation costs the gateway, from its query plan. */
export interface PlanCost {
  /** subgraph calls (fetch nodes) */
  fetches: number;
  /**
   * HTTP requests the gateway sends: the fetches a plan starts together (the
   * branches of one Parallel) to one subgraph leave as one call
   * (gateway/src/fetchBatching.ts); fetches that wait on others count one each.
   */
  calls: number;
  /** rounds of calls one after another: calls in the same round run in parallel */
  waves: number;
  /** calls per subgraph */
  bySubgraph: Record<string, number>;
}

/** A planner over a supergraph SDL, as the gateway builds one (default planner options). */
export function operationPlanner(supergraphSdl: string) {
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  return (query: string, operationName?: string): QueryPlan =>
    planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query), { operationName }));
}

export function planCost(plan: QueryPlan): PlanCost {
  const bySubgraph: Record<string, number> = {};
  const walk = (node: PlanNode | undefined): number => {
    if (!node) return 0;
    switch (node.kind) {
      case 'Fetch':
        bySubgraph[node.serviceName] = (bySubgraph[node.serviceName] ?? 0) + 1;
        return 1;
      case 'Flatten':
        return walk(node.node);
      case 'Sequence':
        return node.nodes.reduce((waves, child) => waves + walk(child), 0);
      case 'Parallel':
        return node.nodes.reduce((waves, child) => Math.max(waves, walk(child)), 0);
      case 'Condition':
        return Math.max(walk(node.ifClause), walk(node.elseClause));
      case 'Defer':
        return walk(node.primary.node) + node.deferred.reduce((waves, d) => Math.max(waves, walk(d.node)), 0);
      default:
        throw new Error(`a plan node the budget does not know: ${(node as { kind: string }).kind}`);
    }
  };
  if (plan.node?.kind === 'Subscription') throw new Error('a subscription has no budget here');
  const waves = walk(plan.node);
  const fetches = Object.values(bySubgraph).reduce((a, b) => a + b, 0);
  const { now, later } = callsOf(plan.node);
  return { fetches, calls: now.size + later, waves, bySubgraph };
}

/** The subgraphs a node calls the moment it starts (one call each), and how many calls follow later. */
function callsOf(node: PlanNode | undefined): { now: Set<string>; later: number } {
  if (!node) return { now: new Set(), later: 0 };
  switch (node.kind) {
    case 'Fetch':
      return { now: new Set([node.serviceName]), later: 0 };
    case 'Flatten':
      return callsOf(node.node);
    case 'Sequence': {
      const [first, ...rest] = node.nodes.map(callsOf);
      return { now: first?.now ?? new Set(), later: (first?.later ?? 0) + rest.reduce((n, c) => n + c.now.size + c.later, 0) };
    }
    case 'Parallel': {
      const children = node.nodes.map(callsOf);
      return { now: new Set(children.flatMap((c) => [...c.now])), later: children.reduce((n, c) => n + c.later, 0) };
    }
    default: {
      // Conditions and deferred parts: every fetch its own call, as an upper bound.
      const { fetches } = planCost({ kind: 'QueryPlan', node } as QueryPlan);
      return { now: new Set(), later: fetches };
    }
  }
}
