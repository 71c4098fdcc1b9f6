import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { settleDueHours } from '../src/services/hoursReview';
import { anElder, cityAdmin, codeOf, ledgerBreaches, officer, person, snapshot, stationManager, volunteer, XINGANG } from './arrange';

const FIELDS = `id status hours hoursStatus history { status hoursStatus hours note actingAs actor { id } }`;
const COMPLETE = `mutation ($id: ID!, $hours: Float!) { completeServiceRequest(id: $id, hours: $hours) { ${FIELDS} } }`;
const RATE = `mutation ($id: ID!) { rateServiceRequest(id: $id, rating: 4) { ${FIELDS} } }`;
const DISPUTE = `mutation ($id: ID!, $reason: String!) { disputeServiceHours(id: $id, reason: $reason) { ${FIELDS} } }`;
const APPROVE = `mutation ($id: ID!) { approveServiceHours(id: $id) { ${FIELDS} } }`;
const CHANGE = `mutation ($id: ID!, $hours: Float!, $reason: String) { changeServiceHours(id: $id, hours: $hours, reason: $reason) { ${FIELDS} } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectServiceHours(id: $id, reason: $reason) { ${FIELDS} } }`;
const BANK = `query ($id: ID!) { _entities(representations: [{ __typename: "Person", id: $id }]) {
  ... on Person { timeBank { balance pendingHours totalDeposited entries { edges { node { kind hours request { id } } } } } } } }`;

describe('completed hours are confirmed before they count (issue 13.4)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());
  afterEach(async () => {
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
  });

  /** A request placed by the elder, claimed and completed by a volunteer of the street: its hours PENDING. */
  async function completed(hours = 2, regionCode = XINGANG) {
    const elder = await anElder(graph.db, regionCode);
    const helper = volunteer(randomUUID(), regionCode);
    const placed = await graph.query(
      `mutation ($e: ID!) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM) { id } }`,
      { e: elder.id },
      person(elder.personId),
    );
    const id = placed.body.data.requestService.id as string;
    await graph.query(`mutation ($id: ID!) { claimServiceRequest(id: $id) { id } }`, { id }, helper);
    const done = await graph.query(COMPLETE, { id, hours }, helper);
    expect(done.body.data.completeServiceRequest).toMatchObject({ status: 'COMPLETED', hoursStatus: 'PENDING', hours });
    return { id, elder, helper };
  }
  const bank = async (personId: string) => (await graph.query(BANK, { id: personId }, volunteer(personId))).body.data._entities[0].timeBank;
  const refused = async (query: string, variables: Record<string, unknown>, as: Parameters<SubgraphHarness['query']>[2]) => {
    const before = await snapshot(graph.db);
    const { body } = await graph.query(query, variables, as);
    expect(body.data).toBeNull();
    expect(await snapshot(graph.db)).toEqual(before);
    return codeOf(body);
  };

  it('when a request is completed, then its hours are pending beside the balance, not in it, until the elder rates it', async () => {
    const { id, elder, helper } = await completed(2.5);
    expect(await bank(helper.sub!)).toMatchObject({ balance: 0, pendingHours: 2.5, totalDeposited: 0, entries: { edges: [] } });
    const rated = (await graph.query(RATE, { id }, person(elder.personId))).body.data.rateServiceRequest;
    expect(rated).toMatchObject({ status: 'RATED', hoursStatus: 'DEPOSITED' });
    expect(rated.history.slice(2)).toEqual([
      { status: 'COMPLETED', hoursStatus: 'PENDING', hours: 2.5, note: null, actingAs: 'VOLUNTEER', actor: { id: helper.sub } },
      { status: 'RATED', hoursStatus: 'DEPOSITED', hours: 2.5, note: null, actingAs: 'ELDER', actor: { id: elder.personId } },
    ]);
    expect(await bank(helper.sub!)).toMatchObject({
      balance: 2.5,
      pendingHours: 0,
      totalDeposited: 2.5,
      entries: { edges: [{ node: { kind: 'DEPOSIT', hours: 2.5, request: { id } } }] },
    });
  });

  it('when a station manager or officer of the region approves pending hours, then they are deposited; the volunteer, a stranger or another region may not', async () => {
    const { id, helper } = await completed(3);
    // The volunteer never approves their own hours, even holding an official's role.
    const selfApproving = { ...helper, roles: ['STATION_MANAGER' as const, 'VOLUNTEER' as const] };
    expect(await refused(APPROVE, { id }, selfApproving)).toBe('FORBIDDEN');
    expect(await refused(APPROVE, { id }, volunteer())).toBe('FORBIDDEN');
    expect(await refused(APPROVE, { id }, stationManager('350504001001'))).toBe('FORBIDDEN');
    expect(await refused(APPROVE, { id }, officer('350504'))).toBe('FORBIDDEN');
    const manager = stationManager();
    const approved = (await graph.query(APPROVE, { id }, manager)).body.data.approveServiceHours;
    expect(approved).toMatchObject({ hoursStatus: 'DEPOSITED', status: 'COMPLETED' });
    expect(approved.history.at(-1)).toEqual({
      status: 'COMPLETED',
      hoursStatus: 'DEPOSITED',
      hours: 3,
      note: null,
      actingAs: 'STATION_WORKER',
      actor: { id: manager.sub },
    });
    // Approved twice (a retry, or a second official) deposits once.
    expect((await graph.query(APPROVE, { id }, officer())).body.errors).toBeUndefined();
    expect(await bank(helper.sub!)).toMatchObject({ balance: 3, pendingHours: 0 });
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.time_bank_transfer WHERE request_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('when the elder side disputes, then the hours wait for the district officer, who may change them; the station may no longer approve', async () => {
    const { id, elder, helper } = await completed(4);
    expect(await refused(DISPUTE, { id, reason: '只来了一小时' }, helper)).toBe('FORBIDDEN');
    expect(await refused(DISPUTE, { id, reason: '  ' }, person(elder.personId))).toBe('BAD_USER_INPUT');
    const disputed = (await graph.query(DISPUTE, { id, reason: '只来了一小时' }, person(elder.carerId, null))).body.data.disputeServiceHours;
    // The district officer finds it in their queue.
    const QUEUE = `{ serviceRequests(regionCode: "350105", hoursStatus: DISPUTED) { edges { node { id hoursStatus } } } }`;
    expect((await graph.query(QUEUE, {}, officer('350105'))).body.data.serviceRequests.edges).toEqual([{ node: { id, hoursStatus: 'DISPUTED' } }]);
    expect(disputed.history.at(-1)).toMatchObject({ hoursStatus: 'DISPUTED', hours: 4, note: '只来了一小时', actingAs: 'FAMILY_MEMBER' });
    expect(await bank(helper.sub!)).toMatchObject({ balance: 0, pendingHours: 4 });
    // Disputed hours are the second level's: neither the station, a rating, nor the 7-day rule deposits them.
    expect(await refused(APPROVE, { id }, stationManager())).toBe('FORBIDDEN');
    expect((await graph.query(RATE, { id }, person(elder.personId))).body.data.rateServiceRequest.hoursStatus).toBe('DISPUTED');
    await settleDueHours(graph.db, new Date(Date.now() + 30 * 86_400_000));
    expect(await bank(helper.sub!)).toMatchObject({ balance: 0, pendingHours: 4 });
    expect(await refused(CHANGE, { id, hours: 25 }, officer())).toBe('BAD_USER_INPUT');
    const district = officer('350105');
    const changed = (await graph.query(CHANGE, { id, hours: 1, reason: '核实为一小时' }, district)).body.data.changeServiceHours;
    expect(changed).toMatchObject({ hours: 1, hoursStatus: 'DEPOSITED' });
    expect(changed.history.at(-1)).toEqual({
      status: 'RATED',
      hoursStatus: 'DEPOSITED',
      hours: 1,
      note: '核实为一小时',
      actingAs: 'OFFICER',
      actor: { id: district.sub },
    });
    expect(await bank(helper.sub!)).toMatchObject({ balance: 1, pendingHours: 0, totalDeposited: 1 });
    expect(await refused(CHANGE, { id, hours: 2 }, district)).toBe('CONFLICT');
    expect(await refused(DISPUTE, { id, reason: '再议' }, person(elder.personId))).toBe('CONFLICT');
  });

  it('when the district officer rejects disputed hours, then they never reach the balance; approving them later is CONFLICT', async () => {
    const { id, elder, helper } = await completed(2);
    await graph.query(DISPUTE, { id, reason: '没有上门' }, person(elder.personId));
    expect(await refused(REJECT, { id, reason: '没有上门' }, stationManager())).toBe('FORBIDDEN');
    const rejected = (await graph.query(REJECT, { id, reason: '核实未上门' }, cityAdmin())).body.data.rejectServiceHours;
    expect(rejected.history.at(-1)).toMatchObject({ hoursStatus: 'REJECTED', note: '核实未上门', actingAs: 'OFFICER' });
    expect(await bank(helper.sub!)).toMatchObject({ balance: 0, pendingHours: 0 });
    expect(await refused(APPROVE, { id }, officer())).toBe('CONFLICT');
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.time_bank_transfer WHERE request_id = $1`, [id]);
    expect(n).toBe(0);
  });

  it('when pending hours are 7 days old without a dispute, then the programme deposits them; younger ones wait', async () => {
    const old = await completed(1.5);
    const young = await completed(2);
    // 8 days ago for the first (the clock of the request, as the sweep reads it).
    await graph.db.query(`UPDATE elder_care.service_request SET completed_at = now() - interval '8 days' WHERE id = $1`, [old.id]);
    await settleDueHours(graph.db, new Date());
    const [[oldRow], [youngRow]] = await Promise.all(
      [old.id, young.id].map((id) => graph.db.query(`SELECT hours_status FROM elder_care.service_request WHERE id = $1`, [id])),
    );
    expect([oldRow.hours_status, youngRow.hours_status]).toEqual(['DEPOSITED', 'PENDING']);
    expect(await bank(old.helper.sub!)).toMatchObject({ balance: 1.5, pendingHours: 0 });
    const [step] = await graph.db.query(
      `SELECT acting_as, actor_person_id, hours_status, hours::float8 AS hours FROM elder_care.service_request_step WHERE request_id = $1 ORDER BY id DESC LIMIT 1`,
      [old.id],
    );
    expect(step).toEqual({ acting_as: 'PROGRAMME', actor_person_id: null, hours_status: 'DEPOSITED', hours: 1.5 });
    // With the clock set 8 days on, the younger one is due too; a second sweep deposits nothing twice.
    await settleDueHours(graph.db, new Date(Date.now() + 8 * 86_400_000));
    await settleDueHours(graph.db, new Date(Date.now() + 8 * 86_400_000));
    expect(await bank(young.helper.sub!)).toMatchObject({ balance: 2, pendingHours: 0 });
  });
});
