import { readFileSync } from 'node:fs';
import { readOperations } from '@civic/gateway/src/web/operations';
import { SUPERGRAPH_FILE } from '@civic/schema/src/composition';
import { operationPlanner, planCost } from '@civic/schema/src/plans';
import { chinaToday } from '@civic/shared';
import { SEED_TODAY } from '@civic/elder-care/src/seed/timeline';
import { startTestGraph, TestGraph } from './harness';

const TREND_FIELDS = [
  'requestsPlacedByMonth',
  'requestsCompletedByMonth',
  'hoursByMonth',
  'veteranActivitiesByMonth',
  'stationOrdersByMonth',
  'assessmentsByMonth',
];

/**
 * The dashboard operations of schema/operations/, run as the playground and the
 * dashboards run them: each with the variables written in its header, on the graph
 * seeded as `npm start` seeds it, by the role a real caller of it would have.
 */
const operations = new Map(readOperations().map((op) => [op.name, op]));
const DEFAULT_SEED = 20261123; // CIVIC_SEED's default: the examples' ids are from this seed

describe('schema/operations on the seeded graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: DEFAULT_SEED, size: 'demo' } });
  });
  afterAll(async () => {
    await graph?.stop();
  });

  const ran = new Set<string>();
  afterAll(() => {
    // A file added to schema/operations/ must be given a test here.
    expect([...ran].sort()).toEqual([...operations.keys()].sort());
  });

  /** Every HTTP call the gateway has made to a subgraph so far, from its own /metrics. */
  const subgraphCalls = async () => {
    const text = await (await fetch(new URL('metrics', graph.url))).text();
    return [...text.matchAll(/^civic_gateway_subgraph_requests_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  };
  /** The calls each operation made, as the gateway counted them. */
  const callsMade = new Map<string, number>();

  async function run(name: string, token?: string, variables?: Record<string, unknown>) {
    ran.add(name);
    const operation = operations.get(name);
    if (!operation) throw new Error(`no operation ${name} in schema/operations`);
    const before = await subgraphCalls();
    const response = await graph.query(operation.query, variables ?? JSON.parse(operation.variables), token);
    callsMade.set(name, (await subgraphCalls()) - before);
    expect(response.body.errors).toBeUndefined();
    return response.body.data;
  }

  it("when the district's officer asks for the district dashboard, then every domain answers for the district and each street", async () => {
    // exact figures (an anonymous caller gets small counts withheld: tests/disclosure.e2e.test.ts)
    const answer = (await run('DistrictDashboard', await graph.token(['DISTRICT_OFFICER'], '350105'))).region;
    expect(answer).toMatchObject({ code: '350105', name: '马尾区', level: 'DISTRICT' });
    // The district first, then its streets and towns, in one list (one call to each domain).
    const [region, ...children] = answer.selfAndChildren;
    region.children = children;
    expect(region).toMatchObject({ code: '350105', name: '马尾区', level: 'DISTRICT' });
    expect(region.children.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['罗星街道', '琅岐镇', '亭江镇']));
    expect(region.veterans.veterans).toBeGreaterThanOrEqual(100);
    expect(region.stationStats.stations).toBeGreaterThan(0);
    expect(region.elderCare.elders).toBeGreaterThan(0);
    // A district is the sum of its streets and towns, in every domain.
    const sum = (pick: (c: any) => number) => region.children.reduce((total: number, c: any) => total + pick(c), 0);
    expect(sum((c) => c.veterans.veterans)).toBe(region.veterans.veterans);
    expect(sum((c) => c.stationStats.stations)).toBe(region.stationStats.stations);
    expect(sum((c) => c.elderCare.elders)).toBe(region.elderCare.elders);
    expect(region.assessmentSummary.assessments).toBeGreaterThan(0);
    // An assessment of the district itself counts for the district, not for any street.
    expect(sum((c) => c.assessmentSummary.assessments)).toBeLessThanOrEqual(region.assessmentSummary.assessments);
  });

  it('when the region picker asks for the province, then it gets the nine cities and their districts', async () => {
    const { region } = await run('RegionTree');
    expect(region.children).toHaveLength(9);
    expect(region.children.find((c: { code: string }) => c.code === '3505').children.map((d: { name: string }) => d.name)).toContain('洛江区');
  });

  it("when a district officer opens 洛阳桥驿站's page, then the station, its community, operator and scores come in one answer", async () => {
    const { station } = await run('StationPage', await graph.token(['DISTRICT_OFFICER'], '350504'));
    expect(station.name).toBe('洛阳桥驿站');
    expect(station.region.parent).toBeTruthy();
    expect(station.region.code.startsWith('350504')).toBe(true);
    expect(station.eightHaves).toHaveLength(8);
    expect(station.eightHavesMet).toBe(station.eightHaves.filter((c: { met: boolean }) => c.met).length);
    // The seed scores 洛阳桥驿站 and gives it its plaque.
    expect(station.certified).toBe(true);
    expect(station.latestScore).toBeGreaterThan(0);
    expect(station.assessments.length).toBeGreaterThan(0);
  });

  it("when a district officer opens a veteran team's page, then members, leader and activities come with the directory's names", async () => {
    const { veteranTeam } = await run('VeteranTeamPage', await graph.token(['DISTRICT_OFFICER'], '350105'));
    expect(veteranTeam.name).toBe('闽江村红色义工队');
    expect(veteranTeam.members.length).toBeGreaterThan(0);
    expect(veteranTeam.members.every((m: { person: { name: string } }) => m.person.name.length >= 2)).toBe(true);
    expect(veteranTeam.activities.totalCount).toBeGreaterThan(0);
    expect(veteranTeam.activities.edges[0].node.team).toBeUndefined();
  });

  it('when a volunteer opens the worklist near 新港社区, then open requests of that street come oldest first, with what hours buy', async () => {
    const volunteer = await graph.token(['VOLUNTEER'], '350105001004', 'e0000000-0000-4000-8000-00000000beef');
    const { serviceRequestWorklist: worklist, timeBankRewards } = await run('ElderCareWorklist', volunteer);
    expect(worklist.totalCount).toBeGreaterThan(0);
    const requests = worklist.edges.map((e: { node: any }) => e.node);
    expect(requests.every((r: any) => r.status === 'OPEN' && r.elder.region.code.startsWith('350105001'))).toBe(true);
    const times = requests.map((r: any) => Date.parse(r.requestedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(timeBankRewards.length).toBeGreaterThan(0);
  });

  it("when the dashboard asks for a district's trends, then six series of the 12 months up to this one in China come, none flat, the district's the sum of its streets'", async () => {
    // the district's officer: its series exact (an anonymous caller's small months are withheld)
    const { region } = await run('RegionTrends', await graph.token(['DISTRICT_OFFICER'], '350105'));
    expect(region).toMatchObject({ code: '350105', name: '马尾区', level: 'DISTRICT' });
    // The months end at this month in China (the graph runs on the system's clock, as npm start does).
    const thisMonth = chinaToday().slice(0, 7);
    for (const field of TREND_FIELDS) {
      const months: { month: string; value: number; suppressed: boolean }[] = region[field];
      expect(months).toHaveLength(12);
      expect(months[11].month).toBe(thisMonth);
      expect(months.map((m) => m.month)).toEqual([...months.map((m) => m.month)].sort());
      expect(months.every((m) => m.suppressed === false && typeof m.value === 'number')).toBe(true);
    }
    // A dashboard's line is not flat where the seed has rows in the span: station orders and assessments are
    // seeded back from the day the seed runs, elder care's requests and hours up to its fixed day (2026-11-23),
    // so theirs only while that day is among the last 12 months. Veteran activities are seed 003's, of 2020-21:
    // none lies in the span, and that series is all 0.
    const notFlat = (field: string) => new Set(region[field].map((m: { value: number }) => m.value)).size > 1;
    expect(['stationOrdersByMonth', 'assessmentsByMonth'].filter(notFlat)).toHaveLength(2);
    if (region.requestsPlacedByMonth.some((m: { month: string }) => m.month === SEED_TODAY.slice(0, 7))) {
      expect(['requestsPlacedByMonth', 'requestsCompletedByMonth', 'hoursByMonth'].filter(notFlat)).toHaveLength(3);
    }
    // The same series for the district and each street in one request: each domain once, each series one statement.
    const fields = TREND_FIELDS.map((field) => `${field} { month value }`).join(' ');
    const { body } = await graph.query(
      `query ($code: ID!) { region(code: $code) { selfAndChildren { code ${fields} } } }`,
      { code: '350105' },
      await graph.token(['DISTRICT_OFFICER'], '350105'),
    );
    expect(body.errors).toBeUndefined();
    const [district, ...streets] = body.data.region.selfAndChildren;
    for (const field of TREND_FIELDS) {
      expect(district[field]).toEqual(region[field].map(({ month, value }: { month: string; value: number }) => ({ month, value })));
      const sums = district[field].map((_: unknown, i: number) => streets.reduce((total: number, street: any) => total + street[field][i].value, 0));
      // An assessment of the district itself counts for the district and no street.
      if (field === 'assessmentsByMonth') sums.forEach((sum: number, i: number) => expect(sum).toBeLessThanOrEqual(district[field][i].value));
      else expect(sums.map((sum: number) => Math.round(sum * 100) / 100)).toEqual(district[field].map((m: { value: number }) => m.value));
    }
  });

  it('when every operation has run, then each made as many subgraph calls as its query plan counts (schema/operations/budgets.json)', () => {
    const plan = operationPlanner(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const planned = [...callsMade.keys()].map((name) => [name, planCost(plan(operations.get(name)!.query)).calls]);
    expect([...callsMade.entries()]).toEqual(planned);
    expect(callsMade.get('VeteranTeamPage')).toBe(2);
    expect(callsMade.get('DistrictDashboard')).toBe(5);
    expect(callsMade.get('RegionTrends')).toBe(5);
  });
});
