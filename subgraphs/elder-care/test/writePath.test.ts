import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { elderCare } from '../src/module';
import { anAccountWith, anElder, aPoolWith, analyst, codeOf, ledgerBreaches, officer, person, volunteer } from './arrange';

const ACCOUNT = `balance person { id }`;
const REDEEM = `mutation ($hours: Float!, $key: String) { redeemHours(hours: $hours, category: MEAL, idempotencyKey: $key) { ${ACCOUNT} } }`;
const DONATE = `mutation ($to: ID!, $hours: Float!, $key: String) { donateHours(toPersonId: $to, hours: $hours, idempotencyKey: $key) { ${ACCOUNT} } }`;
const REWARD = `mutation ($key: String) { buyTimeBankReward(reward: HONOUR_CERTIFICATE, idempotencyKey: $key) { ${ACCOUNT} } }`;
const GRANT = `mutation ($elderId: ID!, $hours: Float!, $key: String) { grantPoolHours(elderId: $elderId, hours: $hours, idempotencyKey: $key) { ${ACCOUNT} } }`;
const PLACE = `mutation ($e: ID!, $key: String) { requestService(elderId: $e, category: MEAL, mode: VOLUNTEER_CLAIM, idempotencyKey: $key) { id } }`;

/** The three collisions measured in issue 13, and the write path's answers in elder care. */
describe('elder care through the write path', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());
  afterEach(async () => {
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
  });

  const balanceOf = async (personId: string) =>
    Number((await graph.db.query(`SELECT balance FROM elder_care.time_bank_account WHERE person_id = $1`, [personId]))[0]?.balance ?? 0);
  const entriesOf = async (personId: string) =>
    (
      await graph.db.query(
        `SELECT count(*)::int AS n FROM elder_care.time_bank_transfer t JOIN elder_care.time_bank_account a ON a.id IN (t.debit_account_id, t.credit_account_id) WHERE a.person_id = $1`,
        [personId],
      )
    )[0].n;

  it('when two officers grant pool hours to two elders with one key, then both grants apply: their keys never meet', async () => {
    const community = '350105001011';
    await aPoolWith(graph.db, community, 10);
    const [e1, e2] = [await anElder(graph.db, community, ['LIVING_ALONE']), await anElder(graph.db, community, ['LIVING_ALONE'])];
    const a = await graph.query(GRANT, { elderId: e1.id, hours: 1, key: 'grant-2026-12-01' }, officer('350105'));
    const b = await graph.query(GRANT, { elderId: e2.id, hours: 2, key: 'grant-2026-12-01' }, officer('350105'));
    expect(a.body.data.grantPoolHours).toMatchObject({ balance: 1, person: { id: e1.personId } });
    expect(b.body.data.grantPoolHours).toMatchObject({ balance: 2, person: { id: e2.personId } });
    expect([await balanceOf(e1.personId), await balanceOf(e2.personId)]).toEqual([1, 2]);
  });

  it('when one officer repeats a grant with the same key, then it applies once; with other hours, CONFLICT naming the key', async () => {
    const community = '350105001012';
    await aPoolWith(graph.db, community, 10);
    const elder = await anElder(graph.db, community, ['LIVING_ALONE']);
    const me = officer('350105');
    const first = await graph.query(GRANT, { elderId: elder.id, hours: 3, key: 'g' }, me);
    const again = await graph.query(GRANT, { elderId: elder.id.toUpperCase(), hours: 3, key: 'g' }, me);
    expect(again.body.data.grantPoolHours).toEqual(first.body.data.grantPoolHours);
    const other = await graph.query(GRANT, { elderId: elder.id, hours: 4, key: 'g' }, me);
    expect(other.body.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT', idempotencyKey: 'g' } });
    expect(other.body.errors[0].message).toContain('"g"');
    expect(await balanceOf(elder.personId)).toBe(3);
    const elsewhere = await graph.query(GRANT, { elderId: elder.id, hours: 1, key: 'g2' }, officer('350504'));
    expect(elsewhere.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfElderRegion' });
  });

  it('when hours are donated to B and then to C with one key, then the second answers CONFLICT and C gets nothing', async () => {
    const donor = randomUUID();
    const [b, c] = [randomUUID(), randomUUID()];
    await anAccountWith(graph.db, donor, 20);
    await anAccountWith(graph.db, b, 1);
    await anAccountWith(graph.db, c, 1);
    expect((await graph.query(DONATE, { to: b, hours: 1, key: 'K' }, volunteer(donor))).body.errors).toBeUndefined();
    const second = await graph.query(DONATE, { to: c, hours: 7, key: 'K' }, volunteer(donor));
    expect(codeOf(second.body)).toBe('CONFLICT');
    expect([await balanceOf(donor), await balanceOf(b), await balanceOf(c)]).toEqual([19, 2, 1]);
  });

  it('when hours are redeemed and then a reward bought with one key, then both apply: a key belongs to one operation', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 20);
    expect((await graph.query(REDEEM, { hours: 4, key: 'K2' }, volunteer(holder))).body.data.redeemHours.balance).toBe(16);
    expect((await graph.query(REWARD, { key: 'K2' }, volunteer(holder))).body.data.buyTimeBankReward.balance).toBe(11);
    expect(await balanceOf(holder)).toBe(11);
  });

  it('when a storm of concurrent retries of one redemption carries one key, then the hours leave once', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 20);
    const answers = await Promise.all(Array.from({ length: 12 }, () => graph.query(REDEEM, { hours: 4, key: 'storm' }, volunteer(holder))));
    expect(answers.map((a) => codeOf(a.body))).toEqual(Array(12).fill(undefined));
    expect(await balanceOf(holder)).toBe(16);
    expect(await entriesOf(holder)).toBe(2); // the opening deposit and one redemption
  });

  it('when a request is placed again with its key, even concurrently, then there is one request', async () => {
    const elder = await anElder(graph.db);
    const answers = await Promise.all(Array.from({ length: 6 }, () => graph.query(PLACE, { e: elder.id, key: 'place' }, person(elder.personId))));
    expect(new Set(answers.map((a) => a.body.data.requestService.id)).size).toBe(1);
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.service_request WHERE elder_id = $1`, [elder.id]);
    expect(n).toBe(1);
  });

  it.each([
    ['anonymous', { sub: null, roles: [], region: null }, 'UNAUTHENTICATED'],
    ['an analyst', analyst(), 'FORBIDDEN'],
    ['a partner', { sub: randomUUID(), roles: ['PARTNER'], region: '35', partner: 'elder-canteens' }, 'FORBIDDEN'],
    ['a subject that is not a person id', { sub: 'admin', roles: ['CITY_ADMIN'], region: null }, 'UNAUTHENTICATED'],
  ] as [string, Identity, string][])('when %s places a request, then it is refused as declared and nothing is stored', async (_who, identity, code) => {
    const elder = await anElder(graph.db);
    expect(codeOf((await graph.query(PLACE, { e: elder.id }, identity)).body)).toBe(code);
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.service_request WHERE elder_id = $1`, [elder.id]);
    expect(n).toBe(0);
  });
});
