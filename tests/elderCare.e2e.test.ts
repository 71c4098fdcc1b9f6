import { randomUUID } from 'node:crypto';
import { ledgerBreaches } from '@civic/elder-care/test/arrange';
import { startTestGraph, TestGraph } from './harness';

const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区

const PLACE = `mutation ($e: ID!, $c: ServiceCategory!) { requestService(elderId: $e, category: $c, mode: VOLUNTEER_CLAIM) { id status } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id status } }`;
const COMPLETE = `mutation ($id: ID!, $h: Float!) { completeServiceRequest(id: $id, hours: $h) { id status hours } }`;
const RATE = `mutation ($id: ID!, $r: Int!) { rateServiceRequest(id: $id, rating: $r) { id status rating hoursStatus } }`;
const APPROVE = `mutation ($id: ID!) { approveServiceHours(id: $id) { id hoursStatus } }`;
const REDEEM = `mutation ($h: Float!, $key: String) { redeemHours(hours: $h, category: MEAL, idempotencyKey: $key) { balance } }`;
const DONATE = `mutation ($to: ID!, $h: Float!, $key: String) { donateHours(toPersonId: $to, hours: $h, idempotencyKey: $key) { balance } }`;
const ACCOUNT = `query ($id: ID!) { person(id: $id) { name timeBank { balance totalDeposited stars } } }`;
/** The gateway's cost limit allows one leaf per ledger row at this depth: the hours are what the check needs. */
const LEDGER = `query ($id: ID!, $after: String) { person(id: $id) { timeBank { balance
  entries(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { hours } } } } } }`;

describe('elder care through the gateway', () => {
  let graph: TestGraph;
  let elder: { id: string; personId: string };
  let volunteers: string[];
  const people = (names: string[]) =>
    graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code)
       SELECT n, 'FEMALE', '1980-01-01', $2 FROM unnest($1::text[]) AS n RETURNING id`,
      [names, XINGANG],
    ) as Promise<{ id: string }[]>;
  const as = (sub: string, roles: any[] = ['VOLUNTEER'], region = XINGANG) => graph.token(roles, region, sub);

  beforeAll(async () => {
    // A race of many calls at once: on a slow machine a call may take longer than the default 5 s, which is not what this test is about.
    graph = await startTestGraph({ subgraphTimeoutMs: 30_000 });
    const [old] = await graph
      .db('directory')
      .query(
        `INSERT INTO directory.person (name, gender, birth_date, phone, region_code) VALUES ('陈阿婆', 'FEMALE', '1936-02-01', '13800001234', $1) RETURNING id`,
        [XINGANG],
      );
    const [row] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES ($1, $2, '{ADVANCED_AGE,LIVING_ALONE}') RETURNING id`, [
        old.id,
        XINGANG,
      ]);
    elder = { id: row.id, personId: old.id };
    volunteers = (await people(['林小红', '王建国', '张丽', '刘洋', '黄梅', '郑强'])).map((p) => p.id);
  });
  afterAll(() => graph.stop());

  it('when a request goes through its whole life, then the volunteer is credited and the names come from the directory', async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const placed = await graph.query(PLACE, { e: elder.id, c: 'VISIT' }, await as(elder.personId));
    const id = placed.body.data.requestService.id;
    const helper = await as(volunteers[0]);
    expect((await graph.query(CLAIM, { id }, helper)).body.data.claimServiceRequest.status).toBe('CLAIMED');
    expect((await graph.query(COMPLETE, { id, h: 2 }, helper)).body.data.completeServiceRequest).toEqual({ id, status: 'COMPLETED', hours: 2 });
    expect((await graph.query(RATE, { id, r: 5 }, officer)).body.data.rateServiceRequest).toEqual({ id, status: 'RATED', rating: 5, hoursStatus: 'DEPOSITED' });
    const bank = await graph.query(ACCOUNT, { id: volunteers[0] }, helper);
    expect(bank.body.data.person).toMatchObject({ name: '林小红', timeBank: { balance: 2, totalDeposited: 2, stars: 0 } });
    const read = await graph.query(
      `query ($id: ID!) { elder(id: $id) { person { name phone } conditions riskLevel } }`,
      { id: elder.id },
      await graph.token(['ANALYST']),
    );
    // Conditions are health data: the analyst gets the risk level, not them.
    expect(read.body.data.elder).toEqual({ person: { name: '陈阿婆', phone: '138****1234' }, conditions: [], riskLevel: 'HIGH' });
    expect(codeOf((await graph.query(ACCOUNT, { id: volunteers[0] }, await as(volunteers[1]))).body)).toBe('FORBIDDEN');
  });

  it('when many completions (each sent several times), confirmations, redemptions and donations (each retried with its key) race, then the books hold: every balance = its transfers, the accounts sum to exactly zero, none negative, each service deposited once, each move made once', async () => {
    const elderToken = await as(elder.personId);
    const officerToken = await graph.token(['DISTRICT_OFFICER'], '350105');
    const tokens = new Map(await Promise.all(volunteers.map(async (v) => [v, await as(v)] as const)));
    const serve = async (volunteer: string) => {
      const id = (await graph.query(PLACE, { e: elder.id, c: 'MEAL' }, elderToken)).body.data.requestService.id;
      await graph.query(CLAIM, { id }, tokens.get(volunteer));
      return id as string;
    };
    const db = graph.db('elder-care');
    // Ten hours each before the race, carried over as opening balances from the city's issuing account: more than
    // the small moves below can take out in any order (4 redemptions of 1 hour, 10 donations of 0.5), less than the
    // 40 hours of the big redemption. (Not served today: the race's completions stay within 12 hours a day.)
    // The accounts first, then their transfers, in two statements as the write path makes them: the region rollup's
    // triggers on accounts see what a statement leaves, so one statement that moved an account and posted to it
    // would count those transfers twice (README, "Region figures from rollups").
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', '3501')
         ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO NOTHING`,
      );
      await tx.query(
        `INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) SELECT 'PERSON', p, $2 FROM unnest($1::uuid[]) AS p
         ON CONFLICT (person_id) DO UPDATE SET region_code = EXCLUDED.region_code`,
        [volunteers, XINGANG],
      );
      await tx.query(
        `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours)
         SELECT 'OPENING_BALANCE', issuing.id, holder.id, 10
         FROM elder_care.time_bank_account issuing, elder_care.time_bank_account holder
         WHERE issuing.kind = 'ISSUING' AND issuing.region_code = '3501' AND holder.person_id = ANY($1::uuid[])`,
        [volunteers],
      );
    });
    const balances = async () =>
      new Map<string, number>(
        (await db.query(`SELECT person_id, balance FROM elder_care.time_bank_account WHERE person_id = ANY($1::uuid[])`, [volunteers])).map(
          (a: { person_id: string; balance: string }) => [a.person_id, Number(a.balance)],
        ),
      );
    const before = await balances();
    const requests: { id: string; volunteer: string; hours: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const volunteer = volunteers[i % volunteers.length];
      requests.push({ id: await serve(volunteer), volunteer, hours: 1 + (i % 4) * 0.5 });
    }
    type Result = Promise<{ status: number; body: any }>;
    const completions: Result[] = [];
    const donations: Result[] = [];
    const small: Result[] = [];
    const big: Result[] = [];
    requests.forEach((r, i) => {
      for (let repeat = 0; repeat < 3; repeat++) completions.push(graph.query(COMPLETE, { id: r.id, h: r.hours }, tokens.get(r.volunteer)));
      const v = volunteers[i % volunteers.length];
      const other = volunteers[(i + 1) % volunteers.length];
      // Opposite donations between neighbours, each sent twice with one key, and redemptions, one in five above any balance.
      const there = randomUUID();
      const back = randomUUID();
      for (let repeat = 0; repeat < 2; repeat++) {
        donations.push(graph.query(DONATE, { to: other, h: 0.5, key: there }, tokens.get(v)));
        donations.push(graph.query(DONATE, { to: v, h: 0.5, key: back }, tokens.get(other)));
      }
      (i % 5 === 0 ? big : small).push(graph.query(REDEEM, { h: i % 5 === 0 ? 40 : 1, key: randomUUID() }, tokens.get(v)));
    });
    const done = await Promise.all(completions);
    // Then the hours are confirmed while the moves race: each rating sent twice, an officer approving every other request.
    const confirmations: Result[] = requests.flatMap((r, i) => [
      graph.query(RATE, { id: r.id, r: 5 }, elderToken),
      graph.query(RATE, { id: r.id, r: 5 }, elderToken),
      ...(i % 2 ? [graph.query(APPROVE, { id: r.id }, officerToken)] : []),
    ]);
    const [confirmed, given, spent, refused] = await Promise.all([confirmations, donations, small, big].map((calls) => Promise.all(calls)));
    // Each kind of call did its work: nothing deadlocked or lost; only the redemptions above the balance were refused.
    const errors = (results: { body: any }[]) => results.filter((r) => r.body.errors).map((r) => codeOf(r.body));
    expect(errors(done)).toEqual([]);
    expect(errors(confirmed)).toEqual([]);
    expect(errors(given)).toEqual([]);
    expect(errors(spent)).toEqual([]);
    expect(errors(refused)).toEqual(refused.map(() => 'CONFLICT'));
    expect([done.length, confirmed.length, given.length, spent.length, refused.length]).toEqual([90, 75, 120, 24, 6]);
    // Each holder: what they had, plus their completions, less four redemptions of an hour; the donations cancel out, once each.
    const balancesAfter = await balances();
    for (const v of volunteers) {
      const earned = requests.filter((r) => r.volunteer === v).reduce((sum, r) => sum + r.hours, 0);
      expect(balancesAfter.get(v)).toBeCloseTo((before.get(v) as number) + earned - 4, 2);
    }
    const [moves] = await db.query(
      `SELECT count(*) FILTER (WHERE t.kind = 'DONATION')::int AS donations, count(*) FILTER (WHERE t.kind = 'REDEMPTION')::int AS redemptions
       FROM elder_care.time_bank_transfer t JOIN elder_care.time_bank_account a ON a.id = t.debit_account_id WHERE a.person_id = ANY($1::uuid[])`,
      [volunteers],
    );
    expect(moves).toEqual({ donations: 60, redemptions: 24 });

    // ledgerBreaches names the sum of all balances only when it is not exactly zero.
    expect(await ledgerBreaches(db)).toEqual({ mismatched: 0, negative: 0 });
    const deposits: { request_id: string; hours: string }[] = await db.query(
      `SELECT request_id, hours FROM elder_care.time_bank_transfer WHERE kind = 'DEPOSIT' AND request_id = ANY($1::uuid[])`,
      [requests.map((r) => r.id)],
    );
    expect(deposits.map((d) => d.request_id).sort()).toEqual(requests.map((r) => r.id).sort());
    expect(deposits.reduce((sum, d) => sum + Number(d.hours), 0)).toBeCloseTo(
      requests.reduce((sum, r) => sum + r.hours, 0),
      2,
    );

    // Read back through the gateway: each holder's balance is the sum of their ledger, page by page.
    for (const v of volunteers) {
      let after: string | null = null;
      let sum = 0;
      let rows = 0;
      let bank: any;
      do {
        const { body }: { body: any } = await graph.query(LEDGER, { id: v, after }, tokens.get(v));
        bank = body.data.person.timeBank;
        sum += bank.entries.edges.reduce((total: number, e: any) => total + e.node.hours, 0);
        rows += bank.entries.edges.length;
        after = bank.entries.pageInfo.endCursor;
      } while (bank.entries.pageInfo.hasNextPage);
      expect(rows).toBe(bank.entries.totalCount);
      expect(bank.balance).toBeGreaterThanOrEqual(0);
      expect(bank.balance).toBeCloseTo(sum, 2);
    }
  });

  it('when a city administrator asks for a region, then its elder-care statistics (exact for them) match the rows counted another way; people stay hidden from anonymous callers', async () => {
    const db = graph.db('elder-care');
    const elders: { conditions: string[] }[] = await db.query(`SELECT conditions FROM elder_care.elder WHERE region_code LIKE '350105%'`);
    const requests: { status: string; category: string; hours: string | null }[] = await db.query(
      `SELECT status, category, hours FROM elder_care.service_request WHERE region_code LIKE '350105%'`,
    );
    const done = requests.filter((r) => r.status === 'COMPLETED' || r.status === 'RATED');
    const { body } = await graph.query(
      `{ region(code: "350105") { elderCare { elders openRequests completedServices hoursDeposited hoursOutstanding
      eldersByCondition { condition elders } requestsByCategory { category requests completed } } }
      province: region(code: "35") { elderCare { openingHours hoursDeposited hoursOutstanding hoursRedeemed } } }`,
      {},
      await graph.token(['CITY_ADMIN'], '35'),
    );
    expect(body.errors).toBeUndefined();
    const stats = body.data.region.elderCare;
    expect(stats).toMatchObject({
      elders: elders.length,
      openRequests: requests.filter((r) => r.status === 'OPEN').length,
      completedServices: done.length,
    });
    // The time bank's figures are the ledger's: the deposits for the district's requests, the balances of its holders;
    // for the province, outstanding = opening + deposited − redeemed = −(issuing + redemption balances).
    const [ledger] = await db.query(
      `SELECT (SELECT sum(t.hours) FROM elder_care.time_bank_transfer t JOIN elder_care.service_request r ON r.id = t.request_id
               WHERE t.kind = 'DEPOSIT' AND r.region_code LIKE '350105%')::float8 AS deposited,
              (SELECT sum(balance) FROM elder_care.time_bank_account WHERE kind IN ('PERSON', 'POOL') AND region_code LIKE '350105%')::float8 AS held,
              (SELECT -sum(balance) FROM elder_care.time_bank_account WHERE kind IN ('ISSUING', 'REDEMPTION'))::float8 AS programme`,
    );
    expect(stats.hoursDeposited).toBeCloseTo(ledger.deposited, 2);
    expect(stats.hoursDeposited).toBeCloseTo(
      done.reduce((sum, r) => sum + Number(r.hours), 0),
      2,
    ); // every service here was confirmed
    expect(stats.hoursOutstanding).toBeCloseTo(ledger.held, 2);
    const province = body.data.province.elderCare;
    expect(province.hoursOutstanding).toBeCloseTo(ledger.programme, 2);
    expect(province.hoursOutstanding).toBeCloseTo(province.openingHours + province.hoursDeposited - province.hoursRedeemed, 2);
    expect(stats.completedServices).toBeGreaterThan(30);
    expect(stats.eldersByCondition.find((c: any) => c.condition === 'LIVING_ALONE').elders).toBe(
      elders.filter((e) => e.conditions.includes('LIVING_ALONE')).length,
    );
    expect(stats.requestsByCategory.find((c: any) => c.category === 'MEAL').requests).toBe(requests.filter((r) => r.category === 'MEAL').length);
    expect(codeOf((await graph.query(`{ elders(regionCode: "350105") { totalCount } }`)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(`query ($id: ID!) { elder(id: $id) { id } }`, { id: elder.id })).body)).toBe('FORBIDDEN');
  });
  it("when an officer reads an elder's conditions through the gateway, then the city administrator finds the read in the care data access log; nobody else reads the log", async () => {
    const reader = await graph.token(['DISTRICT_OFFICER'], '350105');
    const read = await graph.query(`query ElderCard($id: ID!) { elder(id: $id) { conditions } }`, { id: elder.id }, reader);
    expect(read.body.data.elder.conditions).toEqual(['ADVANCED_AGE', 'LIVING_ALONE']);
    const LOG = `query ($id: ID) { careDataAccessLog(elderId: $id, first: 5) { edges { node { actorRoles actorRegion fields operation elder { id } } } } }`;
    const { body } = await graph.query(LOG, { id: elder.id }, await graph.token(['CITY_ADMIN'], '3501'));
    expect(body.errors).toBeUndefined();
    const mine = body.data.careDataAccessLog.edges.map((e: any) => e.node).filter((n: any) => n.operation?.startsWith('ElderCard'));
    expect(mine).toEqual([
      { actorRoles: ['DISTRICT_OFFICER'], actorRegion: '350105', fields: ['conditions'], operation: expect.any(String), elder: { id: elder.id } },
    ]);
    expect(codeOf((await graph.query(LOG, { id: elder.id }, reader)).body)).toBe('FORBIDDEN');
  });
});
