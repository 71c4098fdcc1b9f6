import type { PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { forbidden, type Identity } from '@civic/shared';

/** Every subgraph a query plan fetches from. */
export function plannedSubgraphs(plan: QueryPlan): Set<string> {
  const found = new Set<string>();
  const visit = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        found.add(node.serviceName);
        return;
      case 'Sequence':
      case 'Parallel':
        node.nodes.forEach(visit);
        return;
      case 'Flatten':
        visit(node.node);
        return;
      case 'Condition':
        visit(node.ifClause);
        visit(node.elseClause);
        return;
      case 'Defer':
        visit(node.primary.node);
        node.deferred.forEach((deferred) => visit(deferred.node));
        return;
      case 'Subscription':
        visit(node.primary);
        visit(node.rest);
        return;
    }
  };
  visit(plan.node);
  return found;
}

/**
 * A subgraph's own question to the graph (queryGraph) is refused, before anything is
 * fetched, when it would be planned back into the subgraph that asks: a subgraph asks
 * the graph only for what other subgraphs own (its own rows it reads itself, in its
 * own transaction), and a question that came back to it while it writes would wait on
 * itself. It must be a query, too: a service identity has no person and no role, so
 * it writes nothing. No cycle across subgraphs is possible either: only writes ask
 * the graph, and what a question reaches is a read.
 */
export function refuseServiceLoop(plan: QueryPlan, identity: Identity | undefined, operationKind: string): void {
  const service = identity?.service;
  if (!service) return;
  if (operationKind !== 'query') throw forbidden(`a service call asks questions only; ${service} sent a ${operationKind}`);
  if (plannedSubgraphs(plan).has(service)) {
    throw forbidden(`a service call may not be planned back into the subgraph that asks it (${service})`);
  }
}
