import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { Identity, OperationManifest } from '@civic/shared';
import { SAFELIST_FILE, SUPERGRAPH_FILE } from '../src/config';
import { plannedSubgraphs, refuseServiceLoop } from '../src/serviceCallPlan';

const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const planner = new QueryPlanner(supergraph);
const plan = (document: string) => planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(document)));
const manifest: OperationManifest = JSON.parse(readFileSync(SAFELIST_FILE, 'utf8'));
const asService = (service: string): Identity => ({ sub: null, roles: [], region: null, partner: null, service });

describe('a service call never loops back into the subgraph that asks', () => {
  const own = manifest.operations.filter((o) => o.serviceOnly && o.caller);

  it("when every subgraph's registered question is planned on the supergraph, then none reaches the subgraph asking it", () => {
    expect(own.map((o) => o.caller).sort()).toEqual(expect.arrayContaining(['assessments', 'elder-canteens', 'neighbour-stations']));
    for (const operation of own) {
      const reached = plannedSubgraphs(plan(operation.body));
      expect({ operation: operation.source, loops: reached.has(operation.caller!) }).toEqual({ operation: operation.source, loops: false });
      expect(() => refuseServiceLoop(plan(operation.body), asService(operation.caller!))).not.toThrow();
    }
  });

  it('when a plan would reach the subgraph that asks, then FORBIDDEN; a client is never refused for it', () => {
    const station = plan('query ($id: ID!) { station(id: $id) { id region { name } } }');
    expect([...plannedSubgraphs(station)].sort()).toEqual(['directory', 'neighbour-stations']);
    expect(() => refuseServiceLoop(station, asService('neighbour-stations'))).toThrow(/planned back/);
    expect(() => refuseServiceLoop(station, asService('directory'))).toThrow(/planned back/);
    expect(() => refuseServiceLoop(station, asService('assessments'))).not.toThrow();
    const client: Identity = { sub: null, roles: [], region: null, partner: null };
    expect(() => refuseServiceLoop(station, client)).not.toThrow();
  });
});
