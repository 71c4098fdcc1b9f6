import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { chinaToday, addDays } from '@civic/shared';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCanteens } from '../src/module';
import { startFakeGateway } from './fakeGateway';

const OPEN = `mutation ($input: OpenCanteenInput!) { openCanteen(input: $input) { id name mealPrice region { code } diners mealsServed } }`;
const ENROL = `mutation ($c: ID!, $e: ID!, $k: MealSubsidyCategory!) { enrolDiner(canteenId: $c, elderId: $e, subsidyCategory: $k) { subsidyCategory subsidyPerMeal enrolledOn } }`;
const SERVE = `mutation ($c: ID!, $e: ID!, $d: Date!, $m: MealKind!) { serveMeal(canteenId: $c, elderId: $e, servedOn: $d, meal: $m) { id price subsidy paidByElder servedOn } }`;
const ELDER = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Elder { id canteenDiner { canteen { name } subsidyCategory } canteenMeals(first: 5) { meal subsidy } mealSubsidyTotal } } }`;
const STATS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code elderCanteens { canteens diners mealsServed subsidyPaid } } } }`;

const person = () => randomUUID();
const partner = (region: string): Identity => ({ sub: person(), roles: ['PARTNER'], region, partner: 'elder-canteens' });
/** A partner running another subgraph: its region covers the canteens, its partner claim does not. */
const otherPartner = (region: string): Identity => ({ sub: person(), roles: ['PARTNER'], region, partner: 'food-banks' });
const officer = (region: string): Identity => ({ sub: person(), roles: ['DISTRICT_OFFICER'], region });
const analyst: Identity = { sub: person(), roles: ['ANALYST'], region: '35' };
const canteenInput = (overrides: Record<string, unknown> = {}) => ({
  name: '新港社区长者食堂',
  regionCode: '350105001004',
  address: '罗星街道新港社区邻里中心一层',
  seats: 40,
  mealPrice: 12,
  servingHours: '11:00-12:30',
  ...overrides,
});
const today = chinaToday();

describe('elder canteens', () => {
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
  const counts = async () =>
    (
      await graph.db.query(
        `SELECT (SELECT count(*) FROM elder_canteens.canteen)::int AS c, (SELECT count(*) FROM elder_canteens.diner)::int AS d, (SELECT count(*) FROM elder_canteens.meal)::int AS m`,
      )
    )[0];
  const open = async (overrides = {}, who = partner('350105')) => {
    const { body } = await graph.query(OPEN, { input: canteenInput(overrides) }, who);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data.openCanteen;
  };

  describe('opening a canteen', () => {
    it('when a partner of the district opens a canteen twice, then there is one canteen', async () => {
      const first = await open({ name: '亭江长者食堂', regionCode: '350105103201' });
      const again = await open({ name: '亭江长者食堂', regionCode: '350105103201' });
      expect(again.id).toBe(first.id);
      expect(first).toMatchObject({ mealPrice: 12, region: { code: '350105103201' }, diners: 0, mealsServed: 0 });
    });

    it.each([
      ['anonymous', undefined, {}, 'UNAUTHENTICATED'],
      ['a partner of another district', partner('350504'), {}, 'FORBIDDEN'],
      ["another subgraph's partner of the district", otherPartner('350105'), {}, 'FORBIDDEN'],
      ['a partner token naming no partner', { ...partner('350105'), partner: null }, {}, 'FORBIDDEN'],
      ['an analyst', analyst, {}, 'FORBIDDEN'],
      ['a street code', officer('350105'), { regionCode: '350105001' }, 'BAD_USER_INPUT'],
      ['no seats', officer('350105'), { seats: 0 }, 'BAD_USER_INPUT'],
      ['a price above 100 yuan', officer('350105'), { mealPrice: 120 }, 'BAD_USER_INPUT'],
      ['an empty name', officer('350105'), { name: '  ' }, 'BAD_USER_INPUT'],
    ])('when %s tries, then it is refused and nothing is stored', async (_what, who, overrides, code) => {
      const before = await counts();
      const { body } = await graph.query(OPEN, { input: canteenInput({ name: '拒绝食堂', ...overrides }) }, who);
      expect(body.errors[0].extensions.code).toBe(code);
      expect(await counts()).toEqual(before);
    });
  });

  describe('meals', () => {
    let canteen: { id: string };
    let other: { id: string };
    const lowIncome = person();
    const veryOld = person();
    const staff = partner('350105');
    beforeAll(async () => {
      canteen = await open({ mealPrice: 6.5 });
      other = await open({ name: '闽江村长者食堂', regionCode: '350105102227', mealPrice: 12 });
      for (const [elder, k] of [
        [lowIncome, 'LOW_INCOME'],
        [veryOld, 'ADVANCED_AGE'],
      ]) {
        const { body } = await graph.query(ENROL, { c: canteen.id, e: elder, k }, staff);
        expect(body.errors).toBeUndefined();
      }
    });

    it('when meals are served, then the subsidy follows the category and never exceeds the price', async () => {
      const a = await graph.query(SERVE, { c: canteen.id, e: lowIncome, d: today, m: 'LUNCH' }, staff);
      const b = await graph.query(SERVE, { c: canteen.id, e: veryOld, d: today, m: 'LUNCH' }, staff);
      expect(a.body.data.serveMeal).toMatchObject({ price: 6.5, subsidy: 6.5, paidByElder: 0, servedOn: today });
      expect(b.body.data.serveMeal).toMatchObject({ price: 6.5, subsidy: 4, paidByElder: 2.5 });
    });

    it('when the same meal is sent ten times at once, then one meal is recorded and paid once', async () => {
      const day = addDays(today, -1);
      const results = await Promise.all(Array.from({ length: 10 }, () => graph.query(SERVE, { c: canteen.id, e: veryOld, d: day, m: 'DINNER' }, staff)));
      const ids = new Set(results.map((r) => r.body.data?.serveMeal.id));
      expect(results.every((r) => r.body.errors === undefined)).toBe(true);
      expect(ids.size).toBe(1);
      const [{ count }] = await graph.db.query(`SELECT count(*)::int FROM elder_canteens.meal WHERE elder_id = $1 AND served_on = $2`, [veryOld, day]);
      expect(count).toBe(1);
    });

    it.each([
      ['a day in the future', () => ({ d: addDays(today, 1) }), 'BAD_USER_INPUT'],
      ['a day more than a week ago', () => ({ d: addDays(today, -8) }), 'BAD_USER_INPUT'],
      ['an elder not enrolled here', () => ({ e: person() }), 'BAD_USER_INPUT'],
      ['an unknown canteen', () => ({ c: person() }), 'NOT_FOUND'],
      ['the meal already served at another canteen', () => ({ c: other.id, m: 'LUNCH' }), 'BAD_USER_INPUT'],
    ])('when a meal is for %s, then it is refused and nothing changes', async (_what, change, code) => {
      const before = await counts();
      const { body } = await graph.query(SERVE, { c: canteen.id, e: lowIncome, d: today, m: 'DINNER', ...change() }, staff);
      expect(body.errors[0].extensions.code).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it("when another subgraph's partner of the district enrols a diner or serves a meal, then it is forbidden and nothing changes", async () => {
      const before = await counts();
      const stranger = otherPartner('350105');
      const enrol = await graph.query(ENROL, { c: canteen.id, e: person(), k: 'NONE' }, stranger);
      const serve = await graph.query(SERVE, { c: canteen.id, e: lowIncome, d: today, m: 'DINNER' }, stranger);
      expect([enrol.body.errors[0].extensions.code, serve.body.errors[0].extensions.code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(serve.body.errors[0].message).toMatch(/another partner/);
      expect(await counts()).toEqual(before);
    });

    it('when an elder elder care does not know is enrolled, then NOT_FOUND and nothing is stored', async () => {
      const before = await counts();
      const stranger = person();
      gateway.unknown.add(stranger);
      const { body } = await graph.query(ENROL, { c: canteen.id, e: stranger, k: 'NONE' }, staff);
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(gateway.asked).toContain(stranger);
      expect(await counts()).toEqual(before);
    });

    it('when an elder id comes in upper case, then it is stored and answered in lower case, as elder care has it', async () => {
      const elder = person();
      const { body } = await graph.query(
        `mutation ($c: ID!, $e: ID!) { enrolDiner(canteenId: $c, elderId: $e, subsidyCategory: NONE) { elder { id } } }`,
        { c: canteen.id, e: elder.toUpperCase() },
        staff,
      );
      expect(body.data.enrolDiner.elder.id).toBe(elder);
      expect(gateway.asked).toContain(elder);
      const [row] = await graph.db.query(`SELECT elder_id::text AS id FROM elder_canteens.diner WHERE elder_id = $1`, [elder]);
      expect(row.id).toBe(elder);
    });

    it("when staff of one district enrol a diner of another district's canteen at theirs, then FORBIDDEN and the diner stays", async () => {
      const elder = person();
      const far = await open({ name: '泉州长者食堂', regionCode: '350504001001' }, partner('350504'));
      await graph.query(ENROL, { c: far.id, e: elder, k: 'NONE' }, partner('350504'));
      const { body } = await graph.query(ENROL, { c: canteen.id, e: elder, k: 'NONE' }, staff);
      expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'canteenStaff' });
      const [row] = await graph.db.query(`SELECT canteen_id AS "canteenId" FROM elder_canteens.diner WHERE elder_id = $1`, [elder]);
      expect(row.canteenId).toBe(far.id);
    });

    it('when an analyst, a volunteer or anonymous enrols a diner, then it is refused as declared', async () => {
      const volunteer: Identity = { sub: person(), roles: ['VOLUNTEER'], region: '350105' };
      const codes = [];
      for (const who of [analyst, volunteer, undefined])
        codes.push((await graph.query(ENROL, { c: canteen.id, e: person(), k: 'NONE' }, who)).body.errors[0].extensions.code);
      expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'UNAUTHENTICATED']);
    });

    it("when an elder moves to another canteen who already ate lunch at the first, then that day's lunch there is a conflict", async () => {
      const moved = person();
      await graph.query(ENROL, { c: canteen.id, e: moved, k: 'NONE' }, staff);
      await graph.query(SERVE, { c: canteen.id, e: moved, d: today, m: 'LUNCH' }, staff);
      await graph.query(ENROL, { c: other.id, e: moved, k: 'NONE' }, staff);
      const { body } = await graph.query(SERVE, { c: other.id, e: moved, d: today, m: 'LUNCH' }, staff);
      expect(body.errors[0].extensions.code).toBe('CONFLICT');
    });

    it("when the elder's canteen data is read, then staff of the district see it and others get nothing", async () => {
      const reps = [{ __typename: 'Elder', id: lowIncome }];
      const seen = await graph.query(ELDER, { reps }, officer('350105'));
      expect(seen.body.data._entities[0]).toMatchObject({
        canteenDiner: { canteen: { name: '新港社区长者食堂' }, subsidyCategory: 'LOW_INCOME' },
        mealSubsidyTotal: 6.5,
      });
      for (const who of [analyst, officer('350504'), otherPartner('350105'), undefined]) {
        const hidden = await graph.query(ELDER, { reps }, who);
        expect(hidden.body.data._entities[0]).toEqual({ id: lowIncome, canteenDiner: null, canteenMeals: [], mealSubsidyTotal: null });
      }
    });
  });

  it('when figures are asked for regions, then they equal the rows counted another way', async () => {
    const codes = ['35', '3501', '350105', '350105001', '350504'];
    const { body } = await graph.query(STATS, { reps: codes.map((code) => ({ __typename: 'Region', code })) }, EXACT_FIGURES);
    const canteens: { region_code: string; status: string }[] = await graph.db.query(`SELECT region_code, status FROM elder_canteens.canteen`);
    const diners: { region_code: string }[] = await graph.db.query(`SELECT region_code FROM elder_canteens.diner`);
    const meals: { region_code: string; subsidy_cents: number }[] = await graph.db.query(`SELECT region_code, subsidy_cents FROM elder_canteens.meal`);
    const expected = codes.map((code) => {
      const inside = (r: { region_code: string }) => r.region_code.startsWith(code);
      return {
        code,
        elderCanteens: {
          canteens: canteens.filter((c) => inside(c) && c.status === 'OPEN').length,
          diners: diners.filter(inside).length,
          mealsServed: meals.filter(inside).length,
          subsidyPaid: meals.filter(inside).reduce((sum, m) => sum + m.subsidy_cents, 0) / 100,
        },
      };
    });
    expect(body.data._entities).toEqual(expected);
    expect(expected[2].elderCanteens.mealsServed).toBeGreaterThan(0);
  });
});
