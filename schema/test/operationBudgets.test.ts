import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readOperations } from '@civic/gateway/src/web/operations';
import { SCHEMA_DIR, SUPERGRAPH_FILE } from '../src/composition';
import { operationPlanner, planCost } from '../src/plans';

/**
 * Every operation of schema/operations/ planned by @apollo/query-planner over the
 * checked-in supergraph, as the gateway plans it: a schema change that costs an
 * operation more subgraph calls, or another round of them, fails here before a
 * bench shows it. The budgets live beside the operations (budgets.json).
 */
const OPERATIONS_DIR = path.join(SCHEMA_DIR, 'operations');
const { $comment, ...budgets }: Record<string, { fetches: number; calls: number; waves: number }> = JSON.parse(
  readFileSync(path.join(OPERATIONS_DIR, 'budgets.json'), 'utf8'),
);
const plan = operationPlanner(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const operations = readOperations(OPERATIONS_DIR);

describe('the query plans of schema/operations/', () => {
  it('when the operations are listed, then each has a budget and each budget an operation', () => {
    expect(Object.keys(budgets).sort()).toEqual(operations.map((op) => op.name));
  });

  it.each(operations.map((op) => [op.name, op.query]))('when %s is planned, then it keeps within its budget', (name, query) => {
    const { fetches, calls, waves, bySubgraph } = planCost(plan(query));
    expect({ name, fetches, calls, waves, bySubgraph }).toEqual({
      name,
      fetches: Math.min(fetches, budgets[name].fetches),
      calls: Math.min(calls, budgets[name].calls),
      waves: Math.min(waves, budgets[name].waves),
      bySubgraph,
    });
  });

  it('when the district dashboard is planned, then it asks the directory once and then each domain once, all at the same time', () => {
    const dashboard = operations.find((op) => op.name === 'DistrictDashboard')!;
    expect(planCost(plan(dashboard.query))).toEqual({
      fetches: 5,
      calls: 5,
      waves: 2,
      bySubgraph: { directory: 1, 'elder-care': 1, 'veteran-volunteers': 1, 'neighbour-stations': 1, assessments: 1 },
    });
  });

  it('when a dashboard asks for a region and its children as two paths, then the plan costs each domain twice and is over budget', () => {
    const fields = 'elderCare { elders } veterans { veterans } stationStats { stations certified } assessmentSummary { assessments }';
    const cost = planCost(plan(`query Old($code: ID!) { region(code: $code) { code ${fields} children { code ${fields} } } }`));
    expect(cost.bySubgraph['elder-care']).toBe(2);
    expect(cost.fetches).toBeGreaterThan(budgets.DistrictDashboard.fetches);
  });

  it("when a veteran team's page is planned, then its four directory fetches start together and leave as one call", () => {
    const page = operations.find((op) => op.name === 'VeteranTeamPage')!;
    expect(planCost(plan(page.query))).toMatchObject({ fetches: 5, calls: 2, waves: 2, bySubgraph: { 'veteran-volunteers': 1, directory: 4 } });
  });
});
