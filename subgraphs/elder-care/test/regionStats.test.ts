import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';

const STATS = `query ($codes: [_Any!]!) {
  _entities(representations: $codes) { ... on Region { code elderCare {
    elders openRequests completedServices hoursDeposited hoursPending openingHours hoursOutstanding hoursRedeemed } } }
}`;
const regions = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });

describe('Region.elderCare', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  it('when nothing is recorded, then every figure is zero', async () => {
    const { body } = await graph.query(STATS, regions('350105'), EXACT_FIGURES);
    expect(body.data._entities[0].elderCare).toEqual({
      elders: 0,
      openRequests: 0,
      completedServices: 0,
      hoursDeposited: 0,
      hoursPending: 0,
      openingHours: 0,
      hoursOutstanding: 0,
      hoursRedeemed: 0,
    });
  });

  it('when rows exist in and around a district, then it counts exactly those at or below it', async () => {
    const communities = ['350105001001', '350105002003', '350105100200', '350102001001', '350504001001'];
    const elders: { id: string; region_code: string }[] = await graph.db.query(
      `INSERT INTO elder_care.elder (person_id, region_code)
       SELECT gen_random_uuid(), code FROM unnest($1::text[]) AS code RETURNING id, region_code`,
      [communities],
    );
    // Each community: requests in every state; RATED hours deposited to a volunteer of the community (the
    // ledger's DEPOSIT), COMPLETED ones still pending; the volunteer also carried 10 hours over and redeemed 2.5.
    const statuses = ['OPEN', 'OPEN', 'CLAIMED', 'COMPLETED', 'RATED', 'CANCELLED'];
    for (const elder of elders) {
      const city = elder.region_code.slice(0, 4);
      const [account] = await graph.db.query(
        `INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) VALUES ('PERSON', gen_random_uuid(), $1) RETURNING id, person_id`,
        [elder.region_code],
      );
      const programme = async (kind: string) => {
        await graph.db.query(
          `INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ($1, $2) ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO NOTHING`,
          [kind, city],
        );
        return (await graph.db.query(`SELECT id FROM elder_care.time_bank_account WHERE kind = $1 AND region_code = $2`, [kind, city]))[0].id;
      };
      const move = (kind: string, debit: string, credit: string, hours: number, request: string | null = null) =>
        graph.db.query(`INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id) VALUES ($1, $2, $3, $4, $5)`, [
          kind,
          debit,
          credit,
          hours,
          request,
        ]);
      const issuing = await programme('ISSUING');
      await move('OPENING_BALANCE', issuing, account.id, 10);
      for (const [i, status] of statuses.entries()) {
        const done = status === 'COMPLETED' || status === 'RATED';
        const [request] = await graph.db.query(
          `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
           VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', $3, $4, $5, $6, $7) RETURNING id`,
          [
            elder.id,
            elder.region_code,
            status,
            done ? account.person_id : null,
            done ? 1.5 + i : null,
            done ? (status === 'RATED' ? 'DEPOSITED' : 'PENDING') : null,
            done ? new Date() : null,
          ],
        );
        if (status === 'RATED') await move('DEPOSIT', issuing, account.id, 1.5 + i, request.id);
      }
      await move('REDEMPTION', account.id, await programme('REDEMPTION'), 2.5);
    }
    // Counted another way: in JavaScript over the rows themselves.
    const rows: { region_code: string; status: string; hours: string | null }[] = await graph.db.query(
      `SELECT region_code, status, hours FROM elder_care.service_request`,
    );
    const expected = (prefix: string) => {
      const inside = rows.filter((r) => r.region_code.startsWith(prefix));
      const sum = (status: string) => inside.filter((r) => r.status === status).reduce((total, r) => total + Number(r.hours), 0);
      const accounts = communities.filter((c) => c.startsWith(prefix)).length;
      return {
        elders: accounts,
        openRequests: inside.filter((r) => r.status === 'OPEN').length,
        completedServices: inside.filter((r) => r.status === 'COMPLETED' || r.status === 'RATED').length,
        hoursDeposited: sum('RATED'),
        hoursPending: sum('COMPLETED'),
        openingHours: 10 * accounts,
        hoursOutstanding: 10 * accounts + sum('RATED') - 2.5 * accounts,
        hoursRedeemed: 2.5 * accounts,
      };
    };

    const { body } = await graph.query(STATS, regions('350105', '350105001', '3501', '35', '350503'), EXACT_FIGURES);
    const stats = body.data._entities.map((e: any) => e.elderCare);
    expect(stats).toEqual(['350105', '350105001', '3501', '35', '350503'].map(expected));
    expect(stats[0]).toMatchObject({ elders: 3, openRequests: 6, completedServices: 6 });
    expect(stats[4].elders).toBe(0);
  });

  it('when elders have several conditions and requests span categories, then the breakdowns match rows counted in JavaScript', async () => {
    const district = '350582';
    const conditions = [['ADVANCED_AGE', 'LIVING_ALONE'], ['DISABLED'], [], ['EMPTY_NEST', 'LOW_INCOME', 'ADVANCED_AGE']];
    const elders: { id: string }[] = [];
    for (const [i, c] of conditions.entries()) {
      const [row] = await graph.db.query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [
        `${district}10100${i}`,
        c,
      ]);
      elders.push(row);
    }
    const categories = ['MEAL', 'MEAL', 'CLINIC', 'COMPANIONSHIP', 'MEAL'];
    const statuses = ['COMPLETED', 'OPEN', 'RATED', 'CANCELLED', 'RATED'];
    for (const [i, category] of categories.entries()) {
      await graph.db.query(
        `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, hours, hours_status, completed_at)
         VALUES ($1, $2, $3, 'VOLUNTEER_CLAIM', $4, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)`,
        [
          elders[i % elders.length].id,
          `${district}10100${i % elders.length}`,
          category,
          statuses[i],
          ['COMPLETED', 'RATED'].includes(statuses[i]) ? 1 : null,
          ['COMPLETED', 'RATED'].includes(statuses[i]) ? 'PENDING' : null,
        ],
      );
    }
    const rows: { conditions: string[] }[] = await graph.db.query(`SELECT conditions FROM elder_care.elder WHERE region_code LIKE $1`, [`${district}%`]);
    const requests: { category: string; status: string }[] = await graph.db.query(
      `SELECT category, status FROM elder_care.service_request WHERE region_code LIKE $1`,
      [`${district}%`],
    );
    const { body } = await graph.query(
      `query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { elderCare {
        eldersByCondition { condition elders } requestsByCategory { category requests completed } } } } }`,
      regions(district),
      EXACT_FIGURES,
    );
    const stats = body.data._entities[0].elderCare;
    expect(stats.eldersByCondition).toEqual(
      ['ADVANCED_AGE', 'LIVING_ALONE', 'DISABLED', 'EMPTY_NEST', 'LOW_INCOME'].map((condition) => ({
        condition,
        elders: rows.filter((r) => r.conditions.includes(condition)).length,
      })),
    );
    expect(stats.requestsByCategory).toEqual(
      ['MEAL', 'VISIT', 'CLINIC', 'COMPANIONSHIP'].map((category) => ({
        category,
        requests: requests.filter((r) => r.category === category).length,
        completed: requests.filter((r) => r.category === category && ['COMPLETED', 'RATED'].includes(r.status)).length,
      })),
    );
    expect(stats.eldersByCondition[0]).toEqual({ condition: 'ADVANCED_AGE', elders: 2 });
    expect(stats.requestsByCategory[0]).toEqual({ category: 'MEAL', requests: 3, completed: 2 });
  });
});
