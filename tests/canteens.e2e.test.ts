import { chinaToday } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

/**
 * The partner's elder canteens in the whole graph: its figures beside the domains'
 * on a region, and its fields on elder-care's Elder, fetched in one query through
 * the gateway, with the seeded canteens and diners.
 */
describe('elder canteens through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
  });
  afterAll(async () => {
    await graph?.stop();
  });

  it("when a dashboard asks for 马尾区, then the canteens' figures come beside elder care's, streets adding up to the district", async () => {
    const { body } = await graph.query(
      `{
      region(code: "350105") {
        elderCare { elders }
        elderCanteens { canteens diners mealsServed subsidyPaid }
        canteens { name region { name } }
        children { elderCanteens { canteens diners mealsServed subsidyPaid } }
      }
    }`,
      {},
      await graph.token(['DISTRICT_OFFICER'], '350105'),
    );
    expect(body.errors).toBeUndefined();
    const { region } = body.data;
    expect(region.canteens.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['新港社区长者食堂', '闽江村长者食堂']));
    expect(region.canteens.find((c: { name: string }) => c.name === '新港社区长者食堂').region.name).toMatch(/新港社区/);
    expect(region.elderCanteens.diners).toBeGreaterThan(0);
    expect(region.elderCanteens.mealsServed).toBeGreaterThan(region.elderCanteens.diners);
    for (const key of ['canteens', 'diners', 'mealsServed'] as const) {
      expect(region.children.reduce((sum: number, c: any) => sum + c.elderCanteens[key], 0)).toBe(region.elderCanteens[key]);
    }
  });

  it("when a district officer reads an elder, then elder care's record and the canteen's come together; an analyst gets no canteen data", async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const list = await graph.query(
      `{ elders(regionCode: "350105", first: 50) { edges { node { id conditions canteenDiner { subsidyCategory subsidyPerMeal } mealSubsidyTotal } } } }`,
      {},
      officer,
    );
    expect(list.body.errors).toBeUndefined();
    const diners = list.body.data.elders.edges.map((e: any) => e.node).filter((n: any) => n.canteenDiner);
    expect(diners.length).toBeGreaterThan(0);
    for (const elder of diners) {
      // The subsidy category follows the elder's elder-care conditions, the most generous first.
      if (elder.conditions.includes('LOW_INCOME')) expect(elder.canteenDiner.subsidyCategory).toBe('LOW_INCOME');
      expect(elder.mealSubsidyTotal).toBeGreaterThanOrEqual(0);
    }
    const one = diners[0].id;
    const analyst = await graph.query(
      `query ($id: ID!) { elder(id: $id) { id canteenDiner { subsidyCategory } mealSubsidyTotal } }`,
      { id: one },
      await graph.token(['ANALYST'], '35'),
    );
    expect(analyst.body.data.elder).toMatchObject({ id: one, canteenDiner: null, mealSubsidyTotal: null });
  });

  it('when a partner of the district serves a meal to an enrolled elder twice, then it is recorded once and the district figures grow by one', async () => {
    const partner = await graph.token(['PARTNER'], '350105', undefined, 'elder-canteens');
    const figures = async () =>
      (await graph.query(`{ region(code: "350105") { elderCanteens { mealsServed } } }`, {}, await graph.token(['DISTRICT_OFFICER'], '350105'))).body.data
        .region.elderCanteens.mealsServed;
    const before = await figures();
    const { body } = await graph.query(
      `{ elders(regionCode: "350105", first: 50) { edges { node { id canteenDiner { canteen { id } } } } } }`,
      {},
      await graph.token(['DISTRICT_OFFICER'], '350105'),
    );
    const diner = body.data.elders.edges.map((e: any) => e.node).find((n: any) => n.canteenDiner);
    // The seed's meals are all on earlier days: today's dinner is new.
    const today = chinaToday();
    const meal = 'DINNER';
    const serve = `mutation ($c: ID!, $e: ID!, $d: Date!, $m: MealKind!) { serveMeal(canteenId: $c, elderId: $e, servedOn: $d, meal: $m) { id } }`;
    const variables = { c: diner.canteenDiner.canteen.id, e: diner.id, d: today, m: meal };
    const first = await graph.query(serve, variables, partner);
    const again = await graph.query(serve, variables, partner);
    expect(first.body.errors).toBeUndefined();
    expect(again.body.data.serveMeal.id).toBe(first.body.data.serveMeal.id);
    const after = await figures();
    expect(after).toBe(before + 1);
  });
});
