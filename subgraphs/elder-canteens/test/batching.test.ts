import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { recordStatements, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCanteens } from '../src/module';

const ELDERS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Elder {
  id canteenDiner { subsidyCategory } canteenMeals(first: 2) { meal servedOn } mealSubsidyTotal } } }`;
const officer: Identity = { sub: randomUUID(), roles: ['DISTRICT_OFFICER'], region: '350105' };

/** What the canteens add to many elders at once costs one statement per kind of row, not one per elder. */
describe('Elder.canteenDiner, canteenMeals and mealSubsidyTotal for many elders', () => {
  let graph: SubgraphHarness;
  const elders = [randomUUID(), randomUUID(), randomUUID()];
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCanteens);
    const [canteen] = await graph.db.query(
      `INSERT INTO elder_canteens.canteen (name, region_code, address, seats, meal_price_cents, serving_hours)
       VALUES ('马尾长者食堂', '350105001004', '新港社区', 40, 1200, '11:00-12:30') RETURNING id`,
    );
    await graph.db.query(
      `INSERT INTO elder_canteens.diner (elder_id, canteen_id, region_code, subsidy_category)
       SELECT e, $2, '350105001004', 'NONE' FROM unnest($1::uuid[]) AS e`,
      [elders, canteen.id],
    );
    // Three days of lunch for each elder: the page of two keeps each elder's latest two.
    await graph.db.query(
      `INSERT INTO elder_canteens.meal (canteen_id, elder_id, region_code, served_on, meal, price_cents, subsidy_cents)
       SELECT $2, e, '350105001004', DATE '2026-11-20' + d, 'LUNCH', 1200, 100 FROM unnest($1::uuid[]) AS e, generate_series(0, 2) AS d`,
      [elders, canteen.id],
    );
  });
  afterAll(() => graph.stop());

  it('when three elders are asked in one call, then diners, meals and subsidy totals are one statement each', async () => {
    const log = recordStatements(graph.db);
    try {
      const { body } = await graph.query(ELDERS, { reps: elders.map((id) => ({ __typename: 'Elder', id })) }, officer);
      expect(body.errors).toBeUndefined();
      expect(body.data._entities).toEqual(
        elders.map((id) => ({
          id,
          canteenDiner: { subsidyCategory: 'NONE' },
          canteenMeals: [
            { meal: 'LUNCH', servedOn: '2026-11-22' },
            { meal: 'LUNCH', servedOn: '2026-11-21' },
          ],
          mealSubsidyTotal: 3,
        })),
      );
      expect(log.countByName()).toEqual({ dinersByElder: 1, mealsOfElders: 1, subsidyTotals: 1 });
    } finally {
      log.stop();
    }
  });
});
