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
 * A subgraph's own call to the graph (queryGraph) is refused, before anything is
 * fetched, when it would be planned back into the subgraph that calls: a subgraph
 * asks the graph only for what other subgraphs own (its own rows it reads itself, in
 * its own transaction), and a call that came back to it while it writes would wait on
 * itself. A service may send a mutation: the write path answers it only where the
 * mutation declares that service (`services`: the notice relays' deliverNotices, an
 * erasure's copies), and every other mutation refuses an identity with no person.
 * No cycle across subgraphs arises: a mutation served to a service never asks the
 * graph itself (DEVELOPERS.md).
 */
export function refuseServiceLoop(plan: QueryPlan, identity: Identity | undefined): void {
  const service = identity?.service;
  if (!service) return;
  if (plannedSubgraphs(plan).has(service)) {
    throw forbidden(`a service call may not be planned back into the subgraph that asks it (${service})`);
  }
}
