import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { addDays, chinaToday } from '@civic/shared';
import { regionsInUseAgainstOracle, rollupAgainstOracle, rollupReadTests, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCanteens } from '../src/module';
import { CANTEEN_FIELDS, CANTEEN_ROLLUP, CANTEEN_TABLES } from '../src/repositories/rollup';
import { CANTEEN_STATS_SQL, toCanteenStatsOracle } from './rollupOracle';
import { startFakeGateway } from './fakeGateway';

const ORACLE = {
  sql: CANTEEN_STATS_SQL,
  toStats: toCanteenStatsOracle,
  regionsInUse: CANTEEN_TABLES.map((t) => `SELECT region_code FROM ${t}`).join(' UNION '),
};
const COMMUNITIES = ['350105001004', '350105102227', '350105103201', '350504001001'];
const OPEN = `mutation ($input: OpenCanteenInput!) { openCanteen(input: $input) { id } }`;
const ENROL = `mutation ($c: ID!, $e: ID!, $k: MealSubsidyCategory!) { enrolDiner(canteenId: $c, elderId: $e, subsidyCategory: $k) { enrolledOn } }`;
const SERVE = `mutation ($c: ID!, $e: ID!, $d: Date!, $m: MealKind!) { serveMeal(canteenId: $c, elderId: $e, servedOn: $d, meal: $m) { id } }`;
const partner = (region: string): Identity => ({ sub: randomUUID(), roles: ['PARTNER'], region, partner: 'elder-canteens' });
const CATEGORIES = ['LOW_INCOME', 'DISABLED', 'LIVING_ALONE', 'ADVANCED_AGE', 'NONE'];

describe('canteen figures from the rollup', () => {
  let graph: SubgraphHarness;
  let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(elderCanteens, gateway.url);
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  const expectExact = async () => {
    const compared = await rollupAgainstOracle(graph.db, CANTEEN_ROLLUP, CANTEEN_FIELDS, ORACLE);
    expect(compared.rollup).toEqual(compared.oracle);
    const inUse = await regionsInUseAgainstOracle(graph.db, CANTEEN_ROLLUP, CANTEEN_TABLES);
    expect(inUse.rollup).toEqual(inUse.oracle);
  };

  /** A canteen opened through the mutations, with diners enrolled and meals served. */
  async function canteenServing(i: number) {
    const community = COMMUNITIES[i % COMMUNITIES.length];
    const staff = partner(community.slice(0, 6));
    const input = { name: `长者食堂${i}`, regionCode: community, address: '邻里中心一层', seats: 40, mealPrice: 6.5 + i, servingHours: '11:00-12:30' };
    const { body } = await graph.query(OPEN, { input }, staff);
    expect(body.errors).toBeUndefined();
    const canteen = body.data.openCanteen.id;
    const diners = [randomUUID(), randomUUID(), randomUUID()];
    for (const [k, elder] of diners.entries()) await graph.query(ENROL, { c: canteen, e: elder, k: CATEGORIES[(i + k) % 5] }, staff);
    await Promise.all(
      diners.flatMap((elder, k) =>
        [0, 1].map((d) => graph.query(SERVE, { c: canteen, e: elder, d: addDays(chinaToday(), -d - k), m: d ? 'DINNER' : 'LUNCH' }, staff)),
      ),
    );
  }

  it('when canteens open, enrol diners and serve meals through the mutations, many at once, and rows close or move region, then every figure equals the aggregate over the tables', async () => {
    await canteenServing(0);
    await expectExact();
    await Promise.all([1, 2, 3, 4, 5].map(canteenServing));
    await expectExact();
    const [province] = (await rollupAgainstOracle(graph.db, CANTEEN_ROLLUP, CANTEEN_FIELDS, ORACLE)).rollup.filter((r) => r.code === '35');
    expect(province).toMatchObject({ canteens: 6, diners: 18, mealsServed: 36 });
    expect(province.subsidyPaid).toBeGreaterThan(0);
    await graph.db.query(`UPDATE elder_canteens.canteen SET status = 'CLOSED' WHERE region_code = $1`, [COMMUNITIES[0]]);
    await graph.db.query(`UPDATE elder_canteens.diner SET region_code = '350203001001' WHERE region_code = $1`, [COMMUNITIES[1]]);
    await graph.db.query(`UPDATE elder_canteens.meal SET region_code = '350203001001', subsidy_cents = subsidy_cents + 1 WHERE region_code = $1`, [
      COMMUNITIES[2],
    ]);
    await expectExact();
  });

  rollupReadTests({
    graph: () => graph,
    rollup: CANTEEN_ROLLUP,
    dashboard: 'elderCanteens { canteens diners mealsServed subsidyPaid }',
    oneField: { selection: 'elderCanteens { subsidyPaid }', figures: ['subsidyCents'] },
    writes: async (tx) => {
      await tx.query(`DELETE FROM elder_canteens.meal`);
      await tx.query(`UPDATE elder_canteens.canteen SET status = 'CLOSED'`);
    },
    expectExact,
  });
});
