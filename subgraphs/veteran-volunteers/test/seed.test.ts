import { randomUUID } from 'node:crypto';
import type { SeedPopulation } from '@civic/shared';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { planVeteranSeed } from '../src/seed/plan';

/** A small directory: people of all ages in 马尾区, 洛江区 and 思明区 communities. */
function population(): SeedPopulation {
  const communities = ['350105102227', '350105001004', '350105101210', '350105100001', '350504001001', '350203001001'];
  const people = Array.from({ length: 420 }, (_, i) => ({
    id: randomUUID(),
    gender: (i % 3 === 0 ? 'FEMALE' : 'MALE') as 'MALE' | 'FEMALE',
    birthDate: `${1935 + (i % 70)}-05-01`,
    regionCode: communities[i % 4 === 3 ? 4 + ((i >> 2) % 2) : i % 4],
  }));
  return { people, organizations: [{ id: randomUUID(), name: '马尾区社会工作服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350105' }] };
}

describe('the demo seed', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  it('when planned twice from one seed, then the rows are the same, and every veteran is a person of the directory', () => {
    const options = { seed: 7, size: 'demo' as const, population: population() };
    const a = planVeteranSeed(options);
    expect(planVeteranSeed(options)).toEqual(a);
    const ids = new Set(options.population.people.map((p) => p.id));
    expect(a.veterans.every((v) => ids.has(v.personId))).toBe(true);
  });

  it('when the directory has too few people, then the plan says so instead of inventing any', () => {
    const plan = planVeteranSeed({ seed: 7, size: 'demo', population: { people: population().people.slice(0, 30), organizations: [] } });
    expect(plan.shortfalls.some((s) => s.startsWith('350105'))).toBe(true);
    expect(plan.veterans.length).toBeLessThanOrEqual(30);
  });

  it('when 马尾区 is seeded, then it has the figures of seed 003', async () => {
    expect(await veteranVolunteers.isEmpty!(graph.db)).toBe(true);
    await veteranVolunteers.seed!(graph.db, { seed: 20261123, size: 'demo', population: population() });
    expect(await veteranVolunteers.isEmpty!(graph.db)).toBe(false);
    const { body } = await graph.query(
      `{ r: _entities(representations: [{ __typename: "Region", code: "350105" }]) {
      ... on Region { veterans { veterans teams activities stories shifts honourHallVisitors } } }
      points: veteranServicePoints(regionCode: "350105") { kind pilot }
      halls: honourHalls(regionCode: "350105101210") { name openedOn lectures visitors }
      checkpoints(regionCode: "350105") { coverage(from: "2020-01-27", to: "2020-03-08") { shifts } } }`,
      {},
      EXACT_FIGURES,
    );
    expect(body.errors).toBeUndefined();
    const stats = body.data.r[0].veterans;
    expect(stats.teams).toBe(5);
    expect(stats.veterans).toBeGreaterThanOrEqual(100);
    expect(stats.activities).toBeGreaterThanOrEqual(50);
    expect(stats.stories).toBeGreaterThanOrEqual(200);
    expect(body.data.points.filter((p: any) => p.pilot)).toHaveLength(6);
    expect(body.data.halls).toEqual([{ name: '东岐村退役军人荣誉馆', openedOn: '2020-07-01', lectures: expect.any(Number), visitors: expect.any(Number) }]);
    expect(body.data.halls[0].lectures).toBeGreaterThanOrEqual(40);
    expect(body.data.halls[0].visitors).toBeGreaterThanOrEqual(2000);
    expect(body.data.checkpoints).toHaveLength(5);
    const daysWithShifts = body.data.checkpoints[0].coverage.filter((d: any) => d.shifts > 0).length;
    expect(daysWithShifts).toBeGreaterThanOrEqual(40);
    const [{ n }] = await graph.db.query(`SELECT count(DISTINCT veteran_id)::int AS n FROM veteran_volunteers.shift`);
    expect(n).toBeGreaterThanOrEqual(30);
    const others = await graph.query(
      `{ _entities(representations: [{ __typename: "Region", code: "350504" }]) { ... on Region { veterans { teams veterans } } } }`,
      {},
      EXACT_FIGURES,
    );
    expect(others.body.data._entities[0].veterans.teams).toBe(1);
  });
});
