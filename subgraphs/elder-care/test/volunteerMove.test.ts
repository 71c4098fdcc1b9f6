import { randomUUID } from 'node:crypto';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness, graphService } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anAccountWith, cityAdmin, codeOf, person, XINGANG } from './arrange';

const OTHER = '350105001001'; // 马尾区罗星街道的另一社区
const MOVE = `mutation Move($id: ID!, $c: ID!) { moveTimeBankAccount(personId: $id, communityCode: $c) }`;
const FIGURES = `query Figures($r: [_Any!]!) { _entities(representations: $r) { ... on Region { elderCare { hoursOutstanding hoursDeposited } } } }`;
const service = graphService;

/** 转移接续, elder care's part: the directory's moveVolunteer moves the volunteer's time bank account with them. */
describe("a volunteer's time bank account when they move", () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const figures = async (code: string) => (await graph.query(FIGURES, { r: [{ __typename: 'Region', code }] }, EXACT_FIGURES)).body.data._entities[0].elderCare;

  it('when the directory moves a volunteer, then their balance counts in the new community and the deposit stays with its request', async () => {
    const volunteer = randomUUID();
    await anAccountWith(graph.db, volunteer, 6, XINGANG);
    const [before, beforeOther] = [await figures(XINGANG), await figures(OTHER)];

    expect((await graph.query(MOVE, { id: volunteer, c: OTHER }, service('directory'))).body).toEqual({ data: { moveTimeBankAccount: 1 } });
    const [after, afterOther] = [await figures(XINGANG), await figures(OTHER)];
    expect(after.hoursOutstanding).toBe(before.hoursOutstanding - 6);
    expect(afterOther.hoursOutstanding).toBe(beforeOther.hoursOutstanding + 6);
    // the request was served in 新港: its deposit is counted there still
    expect(after.hoursDeposited).toBe(before.hoursDeposited);
    expect(afterOther.hoursDeposited).toBe(beforeOther.hoursDeposited);

    // again, nothing more moves; a volunteer without an account has nothing to move
    expect((await graph.query(MOVE, { id: volunteer, c: OTHER }, service('directory'))).body).toEqual({ data: { moveTimeBankAccount: 0 } });
    expect((await graph.query(MOVE, { id: randomUUID(), c: OTHER }, service('directory'))).body).toEqual({ data: { moveTimeBankAccount: 0 } });
  });

  it('when anyone but the directory asks, or names no community, then nothing moves', async () => {
    const volunteer = randomUUID();
    await anAccountWith(graph.db, volunteer, 2, XINGANG);
    for (const who of [cityAdmin(), person(volunteer), service('elder-canteens')]) {
      expect(codeOf((await graph.query(MOVE, { id: volunteer, c: OTHER }, who)).body)).toBe('FORBIDDEN');
    }
    const street = await graph.query(MOVE, { id: volunteer, c: '350105001' }, service('directory'));
    expect(street.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'communityCode' });
    const [{ region_code }] = await graph.db.query(`SELECT region_code FROM elder_care.time_bank_account WHERE person_id = $1`, [volunteer]);
    expect(region_code).toBe(XINGANG);
  });
});
