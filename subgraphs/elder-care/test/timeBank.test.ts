import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anAccountWith, anElder, anonymous, analyst, cityAdmin, codeOf, ledgerBreaches, officer, person, snapshot, volunteer, XINGANG } from './arrange';

const ACCOUNT = `balance totalDeposited stars person { id }`;
const REDEEM = `mutation ($hours: Float!, $category: ServiceCategory!, $for: ID, $key: String) {
  redeemHours(hours: $hours, category: $category, beneficiaryPersonId: $for, idempotencyKey: $key) { ${ACCOUNT} } }`;
const DONATE = `mutation ($to: ID!, $hours: Float!, $key: String) { donateHours(toPersonId: $to, hours: $hours, idempotencyKey: $key) { ${ACCOUNT} } }`;
const REWARD = `mutation ($reward: TimeBankReward!, $key: String) { buyTimeBankReward(reward: $reward, idempotencyKey: $key) { ${ACCOUNT} } }`;
const GRANT = `mutation ($elderId: ID!, $hours: Float!, $key: String) { grantPoolHours(elderId: $elderId, hours: $hours, idempotencyKey: $key) { ${ACCOUNT} } }`;
const TIME_BANK = `query ($id: ID!, $first: Int, $after: String) { _entities(representations: [{ __typename: "Person", id: $id }]) {
  ... on Person { timeBank { ${ACCOUNT} entries(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { kind hours request { id } counterpart { id } poolRegion { code } beneficiary { id } category reward } } } } } } }`;
const POOL = `query ($code: ID!) { donationPool(communityCode: $code) { balance region { code } entries { totalCount edges { node { kind hours } } } } }`;

describe('the time bank', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  afterEach(async () => {
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
  });

  /** A request placed, claimed, completed and rated (which confirms the hours) through the API; returns its id. */
  async function serve(helperId: string, hours: number, regionCode = XINGANG) {
    const elder = await anElder(graph.db, regionCode);
    const placed = await graph.query(
      `mutation ($e: ID!) { requestService(elderId: $e, category: MEAL, mode: VOLUNTEER_CLAIM) { id } }`,
      { e: elder.id },
      person(elder.personId),
    );
    const id = placed.body.data.requestService.id;
    await graph.query(`mutation ($id: ID!) { claimServiceRequest(id: $id) { id } }`, { id }, volunteer(helperId, regionCode));
    const done = await graph.query(
      `mutation ($id: ID!, $h: Float!) { completeServiceRequest(id: $id, hours: $h) { id } }`,
      { id, h: hours },
      volunteer(helperId, regionCode),
    );
    expect(done.body.errors).toBeUndefined();
    const rated = await graph.query(`mutation ($id: ID!) { rateServiceRequest(id: $id, rating: 5) { id } }`, { id }, person(elder.personId));
    expect(rated.body.errors).toBeUndefined();
    return id as string;
  }
  const refused = async (query: string, variables: Record<string, unknown>, as: Parameters<SubgraphHarness['query']>[2]) => {
    const before = await snapshot(graph.db);
    const { body } = await graph.query(query, variables, as);
    expect(body.data).toBeNull();
    expect(await snapshot(graph.db)).toEqual(before);
    return codeOf(body);
  };
  const account = async (personId: string, as = volunteer(personId)) => (await graph.query(TIME_BANK, { id: personId }, as)).body.data._entities[0].timeBank;

  it('when a volunteer completes services, then the hours are deposited, the ledger shows each and stars follow the total', async () => {
    const helper = randomUUID();
    const first = await serve(helper, 2);
    await serve(helper, 1.5);
    const bank = await account(helper);
    expect(bank).toMatchObject({ balance: 3.5, totalDeposited: 3.5, stars: 0, person: { id: helper } });
    expect(bank.entries.totalCount).toBe(2);
    expect(bank.entries.edges[1].node).toMatchObject({ kind: 'DEPOSIT', hours: 2, request: { id: first } });
    // 100 hours is one star, 300 two.
    const starred = randomUUID();
    await anAccountWith(graph.db, starred, 99);
    await serve(starred, 1);
    expect(await account(starred)).toMatchObject({ balance: 100, stars: 1 });
  });

  it('when a deposit would lift an account above 1,500 hours, then the rest goes to the community donation pool', async () => {
    const helper = randomUUID();
    const community = '350105001005';
    await anAccountWith(graph.db, helper, 1499, community);
    const id = await serve(helper, 3, community);
    const bank = await account(helper);
    expect(bank).toMatchObject({ balance: 1500, totalDeposited: 1502, stars: 5 });
    expect(
      bank.entries.edges
        .slice(0, 2)
        .map((e: any) => e.node)
        .sort((a: any, b: any) => a.hours - b.hours),
    ).toEqual([
      expect.objectContaining({ kind: 'DONATION_OUT', hours: -2, request: { id }, poolRegion: { code: community } }),
      expect.objectContaining({ kind: 'DEPOSIT', hours: 3, request: { id } }),
    ]);
    const pool = (await graph.query(POOL, { code: community }, officer())).body.data.donationPool;
    expect(pool).toEqual({ balance: 2, region: { code: community }, entries: { totalCount: 1, edges: [{ node: { kind: 'DONATION_IN', hours: 2 } }] } });
  });

  it('when a priority elder is granted pool hours by an officer, then the pool pays them; others are refused', async () => {
    const helper = randomUUID();
    const community = '350105001006';
    await anAccountWith(graph.db, helper, 1500, community);
    await serve(helper, 4, community); // all four hours overflow to the pool
    const alone = await anElder(graph.db, community, ['LIVING_ALONE']);
    const granted = (await graph.query(GRANT, { key: randomUUID(), elderId: alone.id, hours: 3 }, officer('350105'))).body.data.grantPoolHours;
    expect(granted).toMatchObject({ balance: 3, totalDeposited: 0, person: { id: alone.personId } });
    expect((await graph.query(POOL, { code: community }, cityAdmin())).body.data.donationPool.balance).toBe(1);
    expect(await refused(GRANT, { key: randomUUID(), elderId: alone.id, hours: 2 }, officer('350105'))).toBe('CONFLICT'); // above the pool
    const notPriority = await anElder(graph.db, community, ['ADVANCED_AGE']);
    expect(await refused(GRANT, { key: randomUUID(), elderId: notPriority.id, hours: 1 }, officer('350105'))).toBe('BAD_USER_INPUT');
    expect(await refused(GRANT, { key: randomUUID(), elderId: alone.id, hours: 1 }, volunteer())).toBe('FORBIDDEN');
    expect(await refused(GRANT, { key: randomUUID(), elderId: alone.id, hours: 1 }, officer('350504'))).toBe('FORBIDDEN');
    expect(await refused(GRANT, { key: randomUUID(), elderId: randomUUID(), hours: 1 }, officer('350105'))).toBe('NOT_FOUND');
  });

  it('when hours are redeemed for oneself or a family elder, then they leave the account; for a stranger, FORBIDDEN', async () => {
    const carer = randomUUID();
    const elder = await anElder(graph.db);
    await graph.db.query(`INSERT INTO elder_care.elder_carer (elder_id, person_id, relationship) VALUES ($1, $2, '儿子')`, [elder.id, carer]);
    await anAccountWith(graph.db, carer, 10);
    const self = (await graph.query(REDEEM, { key: randomUUID(), hours: 2, category: 'MEAL' }, volunteer(carer))).body.data.redeemHours;
    expect(self).toMatchObject({ balance: 8, totalDeposited: 10 });
    const family = (await graph.query(REDEEM, { key: randomUUID(), hours: 3, category: 'VISIT', for: elder.personId }, volunteer(carer))).body.data.redeemHours;
    expect(family.balance).toBe(5);
    const bank = await account(carer);
    expect(bank.entries.edges[0].node).toMatchObject({ kind: 'REDEMPTION', hours: -3, beneficiary: { id: elder.personId }, category: 'VISIT' });
    expect(await refused(REDEEM, { key: randomUUID(), hours: 1, category: 'VISIT', for: randomUUID() }, volunteer(carer))).toBe('FORBIDDEN');
  });

  it('when a redemption is above the balance or its hours are bad, then CONFLICT or BAD_USER_INPUT and nothing changes', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 5);
    expect(await refused(REDEEM, { key: randomUUID(), hours: 5.01, category: 'MEAL' }, volunteer(holder))).toBe('CONFLICT');
    for (const hours of [0, -2, 1.001, 1501])
      expect(await refused(REDEEM, { key: randomUUID(), hours, category: 'MEAL' }, volunteer(holder))).toBe('BAD_USER_INPUT');
    expect(await refused(REDEEM, { key: randomUUID(), hours: 1, category: 'MEAL' }, volunteer())).toBe('CONFLICT'); // no account at all
    expect(await refused(REDEEM, { key: randomUUID(), hours: 1, category: 'MEAL' }, anonymous)).toBe('UNAUTHENTICATED');
    const all = (await graph.query(REDEEM, { key: randomUUID(), hours: 5, category: 'MEAL' }, volunteer(holder))).body.data.redeemHours;
    expect(all.balance).toBe(0);
  });

  it('when a redemption is retried with its idempotency key, then it is spent once', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 10);
    const results = await Promise.all([1, 2, 3].map(() => graph.query(REDEEM, { hours: 4, category: 'CLINIC', key: 'r-1' }, volunteer(holder))));
    expect(results.every((r) => !r.body.errors)).toBe(true);
    expect((await account(holder)).balance).toBe(6);
  });

  it('when hours are donated, then they move between the accounts; above the balance, to oneself or past the cap, refused', async () => {
    const giver = randomUUID();
    const taker = (await anElder(graph.db)).carerId; // known to elder care as an elder's family, with no account yet
    await anAccountWith(graph.db, giver, 20);
    const given = (await graph.query(DONATE, { key: randomUUID(), to: taker, hours: 7.5 }, volunteer(giver))).body.data.donateHours;
    expect(given).toMatchObject({ balance: 12.5, person: { id: giver } });
    const received = await account(taker);
    expect(received).toMatchObject({ balance: 7.5, totalDeposited: 0, stars: 0 });
    expect(received.entries.edges[0].node).toMatchObject({ kind: 'DONATION_IN', hours: 7.5, counterpart: { id: giver } });
    expect(await refused(DONATE, { key: randomUUID(), to: taker, hours: 13 }, volunteer(giver))).toBe('CONFLICT');
    expect(await refused(DONATE, { key: randomUUID(), to: giver, hours: 1 }, volunteer(giver))).toBe('BAD_USER_INPUT');
    expect(await refused(DONATE, { key: randomUUID(), to: taker, hours: 0 }, volunteer(giver))).toBe('BAD_USER_INPUT');
    const full = randomUUID();
    await anAccountWith(graph.db, full, 1499);
    expect(await refused(DONATE, { key: randomUUID(), to: full, hours: 2 }, volunteer(giver))).toBe('CONFLICT');
  });

  it('when hours are donated to an id elder care does not know, then NOT_FOUND, no account is opened and nothing changes', async () => {
    const giver = randomUUID();
    await anAccountWith(graph.db, giver, 10);
    const stranger = randomUUID();
    expect(await refused(DONATE, { key: randomUUID(), to: stranger, hours: 3 }, volunteer(giver))).toBe('NOT_FOUND');
    expect(await graph.db.query(`SELECT 1 FROM elder_care.time_bank_account WHERE person_id = $1`, [stranger])).toEqual([]);
    // Known people receive: an elder, a team member, a holder of an account.
    const elder = await anElder(graph.db);
    const member = randomUUID();
    await graph.db.query(
      `WITH t AS (INSERT INTO elder_care.service_team (name, kind, region_code) VALUES ('马尾志愿者队', 'VOLUNTEER_TEAM', $1) RETURNING id)
       INSERT INTO elder_care.service_team_member (team_id, person_id) SELECT id, $2 FROM t`,
      [XINGANG, member],
    );
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 1);
    for (const to of [elder.personId, member, holder]) {
      const { body } = await graph.query(DONATE, { key: randomUUID(), to, hours: 1 }, volunteer(giver));
      expect(body.errors).toBeUndefined();
    }
    expect((await account(giver)).balance).toBe(7);
  });

  it("when hours are donated to someone with no account yet, then it is opened in the recipient's own region, and its officers read it", async () => {
    const giver = randomUUID();
    await anAccountWith(graph.db, giver, 10); // 马尾区
    const far = await anElder(graph.db, '350203001001'); // an elder of 思明区, Xiamen
    expect((await graph.query(DONATE, { key: randomUUID(), to: far.personId, hours: 2 }, volunteer(giver))).body.errors).toBeUndefined();
    const [opened] = await graph.db.query(`SELECT region_code FROM elder_care.time_bank_account WHERE person_id = $1`, [far.personId]);
    expect(opened.region_code).toBe('350203001001');
    expect((await account(far.personId, officer('350203'))).balance).toBe(2);
    const { body } = await graph.query(TIME_BANK, { id: far.personId }, officer('350105'));
    expect(codeOf(body)).toBe('FORBIDDEN');
  });

  it('when a time bank change comes without an idempotency key, then BAD_USER_INPUT on that argument and nothing changes', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 50);
    const friend = randomUUID();
    await anAccountWith(graph.db, friend, 1);
    const community = '350105001008';
    const full = randomUUID();
    await anAccountWith(graph.db, full, 1500, community);
    await serve(full, 4, community); // the pool holds 4 hours, so only the missing key stands in the grant's way
    const alone = await anElder(graph.db, community, ['LIVING_ALONE']);
    const calls: [string, Record<string, unknown>, ReturnType<typeof volunteer>][] = [
      [REDEEM, { hours: 4, category: 'MEAL' }, volunteer(holder)],
      [DONATE, { to: friend, hours: 4 }, volunteer(holder)],
      [REWARD, { reward: 'HONOUR_CERTIFICATE' }, volunteer(holder)],
      [GRANT, { elderId: alone.id, hours: 1 }, officer('350105')],
    ];
    for (const [query, variables, as] of calls) {
      for (const key of [undefined, null, '   ']) {
        const before = await snapshot(graph.db);
        const { body } = await graph.query(query, { ...variables, key }, as);
        expect(codeOf(body)).toBe('BAD_USER_INPUT');
        expect(body.errors[0].extensions.argument).toBe('idempotencyKey');
        expect(await snapshot(graph.db)).toEqual(before);
      }
    }
    // The same redemption sent twice with one key is spent once.
    for (let i = 0; i < 2; i++) await graph.query(REDEEM, { hours: 4, category: 'MEAL', key: 'twice' }, volunteer(holder));
    expect((await account(holder)).balance).toBe(46);
  });

  it('when a reward is bought, then its price leaves the account; without enough hours, CONFLICT', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 25);
    const bought = (await graph.query(REWARD, { key: randomUUID(), reward: 'SCENIC_SPOT_PASS' }, volunteer(holder))).body.data.buyTimeBankReward;
    expect(bought.balance).toBe(5);
    expect((await account(holder)).entries.edges[0].node).toMatchObject({ kind: 'REWARD', hours: -20, reward: 'SCENIC_SPOT_PASS' });
    expect(await refused(REWARD, { key: randomUUID(), reward: 'CANTEEN_MEALS' }, volunteer(holder))).toBe('CONFLICT');
    const offers = await graph.query(`{ timeBankRewards { reward hours } }`);
    expect(offers.body.data.timeBankRewards).toContainEqual({ reward: 'SCENIC_SPOT_PASS', hours: 20 });
  });

  it('when someone other than the holder or the officials of its region reads an account, then FORBIDDEN', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 3);
    expect((await account(holder, officer('350105'))).balance).toBe(3);
    expect((await account(holder, cityAdmin())).balance).toBe(3);
    for (const stranger of [volunteer(), officer('350504'), analyst(), anonymous]) {
      const { body } = await graph.query(TIME_BANK, { id: holder }, stranger);
      expect(codeOf(body)).toBe('FORBIDDEN');
    }
    expect(await account(randomUUID(), cityAdmin())).toBeNull();
  });

  it('when a ledger is paged, then pages follow each other newest first without gaps or repeats', async () => {
    const helper = randomUUID();
    for (const hours of [0.5, 1, 1.5, 2, 2.5]) await serve(helper, hours);
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await graph.query(TIME_BANK, { id: helper, first: 2, after }, volunteer(helper))).body.data._entities[0].timeBank.entries;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: any) => e.node.hours));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([2.5, 2, 1.5, 1, 0.5]);
  });

  it('when anyone tries to change or remove a transfer, or to set a balance, then the database refuses', async () => {
    const holder = randomUUID();
    const id = await anAccountWith(graph.db, holder, 2);
    await expect(graph.db.query(`UPDATE elder_care.time_bank_transfer SET hours = 100`)).rejects.toThrow(/append-only/);
    await expect(graph.db.query(`DELETE FROM elder_care.time_bank_transfer`)).rejects.toThrow(/append-only/);
    // The serving role may not truncate at all; the schema's owner would be stopped by the trigger.
    await expect(graph.db.query(`TRUNCATE elder_care.time_bank_transfer CASCADE`)).rejects.toThrow(/permission denied/);
    await expect(graph.db.query(`UPDATE elder_care.time_bank_account SET balance = balance + 5 WHERE id = $1`, [id])).rejects.toThrow(/only by transfer/);
    await expect(
      graph.db.query(`INSERT INTO elder_care.time_bank_account (kind, person_id, region_code, balance) VALUES ('PERSON', $1, $2, 9)`, [randomUUID(), XINGANG]),
    ).rejects.toThrow(/opens at 0/);
  });

  it('when a transfer joins the wrong kinds of account or moves nothing, then the database refuses it', async () => {
    const a = await anAccountWith(graph.db, randomUUID(), 5);
    const b = await anAccountWith(graph.db, randomUUID(), 5);
    const insert = (kind: string, debit: string, credit: string, hours: number) =>
      graph.db.query(`INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours) VALUES ($1, $2, $3, $4)`, [
        kind,
        debit,
        credit,
        hours,
      ]);
    // Hours minted between two people, a "deposit" from a person, nothing moved, a move to oneself, more than the balance.
    await expect(insert('OPENING_BALANCE', a, b, 1)).rejects.toThrow(/does not move hours from a PERSON account/);
    await expect(insert('DONATION', a, b, 0)).rejects.toThrow(/check/i);
    await expect(insert('DONATION', a, a, 1)).rejects.toThrow(/check/i);
    await expect(insert('DONATION', a, b, 6)).rejects.toThrow(/check/i);
  });

  it('when the books are summed, then every balance is its transfers, the accounts sum to exactly zero, and the issuing account holds minus what it issued', async () => {
    const holder = randomUUID();
    await anAccountWith(graph.db, holder, 40);
    await graph.query(REDEEM, { key: randomUUID(), hours: 4.25, category: 'MEAL' }, volunteer(holder));
    await graph.query(REWARD, { key: randomUUID(), reward: 'HONOUR_CERTIFICATE' }, volunteer(holder));
    const [books] = await graph.db.query(`
      SELECT sum(balance)::text AS total,
             (SELECT sum(balance) FROM elder_care.time_bank_account WHERE kind IN ('PERSON', 'POOL'))::text AS held,
             (SELECT sum(balance) FROM elder_care.time_bank_account WHERE kind = 'ISSUING')::text AS issuing,
             (SELECT sum(balance) FROM elder_care.time_bank_account WHERE kind = 'REDEMPTION')::text AS redeemed,
             (SELECT sum(hours) FROM elder_care.time_bank_transfer WHERE kind IN ('DEPOSIT', 'OPENING_BALANCE'))::text AS issued,
             (SELECT sum(hours) FROM elder_care.time_bank_transfer WHERE kind IN ('REDEMPTION', 'REWARD'))::text AS spent
      FROM elder_care.time_bank_account`);
    expect(books.total).toBe('0.00');
    expect(books.issuing).toBe(`-${books.issued}`);
    expect(books.redeemed).toBe(books.spent);
    expect(Number(books.held)).toBeCloseTo(Number(books.issued) - Number(books.spent), 2);
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
  });
});
