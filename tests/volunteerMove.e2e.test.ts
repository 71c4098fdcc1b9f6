import { randomUUID } from 'node:crypto';
import { startTestGraph, TestGraph } from './harness';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
const OTHER = '350105001001'; // 马尾区罗星街道的另一社区
const MOVE = `mutation ($p: ID!, $c: ID!, $k: String) { moveVolunteer(personId: $p, communityCode: $c, idempotencyKey: $k) { community { code } } }`;
const FIGURES = `query ($a: ID!, $b: ID!) {
  a: region(code: $a) { elderCare { hoursOutstanding hoursDeposited } }
  b: region(code: $b) { elderCare { hoursOutstanding hoursDeposited } } }`;

/**
 * 转移接续 end to end: a volunteer served in 新港 and holds the hours on their time
 * bank account; the directory moves them to another community. Their balance is
 * theirs and counts where they serve now; the hours deposited stay with the
 * community where the service was done.
 */
describe('a volunteer who moves community takes their time bank balance along', () => {
  let graph: TestGraph;
  let officer: string;
  beforeAll(async () => {
    graph = await startTestGraph();
    officer = await graph.token(['DISTRICT_OFFICER'], '350105', randomUUID());
  });
  afterAll(() => graph.stop());

  /** The volunteer's served hours, as elder care's ledger holds them: a request in 新港, its hours deposited on their account. */
  async function servedHours(personId: string, hours: number) {
    const care = graph.db('elder-care');
    const [account] = await care.query(`INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) VALUES ('PERSON', $1, $2) RETURNING id`, [
      personId,
      XINGANG,
    ]);
    const [elder] = await care.query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES (gen_random_uuid(), $1) RETURNING id`, [XINGANG]);
    const [request] = await care.query(
      `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at)
       VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', 'RATED', $3, $4, 'DEPOSITED', now()) RETURNING id`,
      [elder.id, XINGANG, personId, hours],
    );
    const [issuing] = await care.query(`INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', '3501') RETURNING id`);
    await care.query(
      `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id) VALUES ('DEPOSIT', $1, $2, $3, $4)`,
      [issuing.id, account.id, hours, request.id],
    );
  }

  it('when the directory moves the volunteer, then the region figures count their balance in the new community and the deposit in the old', async () => {
    const [{ id: volunteer }] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, region_code) VALUES ('陈志强', 'MALE', '1988-03-04', $1) RETURNING id`, [XINGANG]);
    await graph
      .db('directory')
      .query(`INSERT INTO directory.volunteer (person_id, region_code, skills, availability) VALUES ($1, $2, '{ERRANDS}', '{SAT_AM}')`, [volunteer, XINGANG]);
    await servedHours(volunteer, 7.5);
    // Exact figures (a district officer's own region): the public's small ones are withheld.
    const figures = async () => (await graph.query(FIGURES, { a: XINGANG, b: OTHER }, officer)).body.data;
    expect(await figures()).toEqual({
      a: { elderCare: { hoursOutstanding: 7.5, hoursDeposited: 7.5 } },
      b: { elderCare: { hoursOutstanding: 0, hoursDeposited: 0 } },
    });

    const moved = await graph.query(MOVE, { p: volunteer, c: OTHER, k: randomUUID() }, officer);
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data.moveVolunteer.community.code).toBe(OTHER);

    expect(await figures()).toEqual({
      a: { elderCare: { hoursOutstanding: 0, hoursDeposited: 7.5 } },
      b: { elderCare: { hoursOutstanding: 7.5, hoursDeposited: 0 } },
    });
  });
});
