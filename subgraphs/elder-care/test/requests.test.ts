import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { aResidentGroup, anElder, anonymous, codeOf, officer, person, snapshot, stationManager, volunteer, XINGANG } from './arrange';

const FIELDS = `id status mode category hours rating note volunteer { id } team { id } elder { id }
  history { status actor { id } actingAs onBehalfOfElder }`;
const REQUEST = `mutation ($elderId: ID!, $category: ServiceCategory!, $mode: ServiceMode!, $note: String, $key: String) {
  requestService(elderId: $elderId, category: $category, mode: $mode, note: $note, idempotencyKey: $key) { ${FIELDS} } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { ${FIELDS} } }`;
const COMPLETE = `mutation ($id: ID!, $hours: Float!) { completeServiceRequest(id: $id, hours: $hours) { ${FIELDS} } }`;
const RATE = `mutation ($id: ID!, $rating: Int!) { rateServiceRequest(id: $id, rating: $rating) { ${FIELDS} } }`;
const CANCEL = `mutation ($id: ID!) { cancelServiceRequest(id: $id) { ${FIELDS} } }`;

describe('service requests: OPEN → CLAIMED → COMPLETED → RATED, and CANCELLED', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const open = async (elder: { id: string; personId: string }, mode = 'VOLUNTEER_CLAIM', as = person(elder.personId)) => {
    const { body } = await graph.query(REQUEST, { elderId: elder.id, category: 'VISIT', mode }, as);
    expect(body.errors).toBeUndefined();
    return body.data.requestService;
  };
  /** Runs a call expected to be refused; returns its code and checks that nothing changed. */
  const refused = async (query: string, variables: Record<string, unknown>, as: Parameters<SubgraphHarness['query']>[2]) => {
    const before = await snapshot(graph.db);
    const { body } = await graph.query(query, variables, as);
    expect(body.data).toBeNull();
    expect(await snapshot(graph.db)).toEqual(before);
    return codeOf(body);
  };

  it('when the elder asks, a volunteer claims, completes and the elder rates, then each step is recorded with who took it', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const placed = await open(elder);
    expect(placed).toMatchObject({ status: 'OPEN', mode: 'VOLUNTEER_CLAIM', category: 'VISIT', volunteer: null, team: null, hours: null });
    const claimed = (await graph.query(CLAIM, { id: placed.id }, helper)).body.data.claimServiceRequest;
    expect(claimed).toMatchObject({ status: 'CLAIMED', volunteer: { id: helper.sub } });
    const completed = (await graph.query(COMPLETE, { id: placed.id, hours: 1.5 }, helper)).body.data.completeServiceRequest;
    expect(completed).toMatchObject({ status: 'COMPLETED', hours: 1.5 });
    const rated = (await graph.query(RATE, { id: placed.id, rating: 5 }, person(elder.personId))).body.data.rateServiceRequest;
    expect(rated).toMatchObject({ status: 'RATED', rating: 5 });
    expect(rated.history).toEqual([
      { status: 'OPEN', actor: { id: elder.personId }, actingAs: 'ELDER', onBehalfOfElder: false },
      { status: 'CLAIMED', actor: { id: helper.sub }, actingAs: 'VOLUNTEER', onBehalfOfElder: false },
      { status: 'COMPLETED', actor: { id: helper.sub }, actingAs: 'VOLUNTEER', onBehalfOfElder: false },
      { status: 'RATED', actor: { id: elder.personId }, actingAs: 'ELDER', onBehalfOfElder: false },
    ]);
  });

  it('when a family member places and a station worker rates for the elder, then the record shows who acted for whom', async () => {
    const elder = await anElder(graph.db);
    const placed = await open(elder, 'VOLUNTEER_CLAIM', person(elder.carerId, null));
    const helper = volunteer();
    await graph.query(CLAIM, { id: placed.id }, helper);
    await graph.query(COMPLETE, { id: placed.id, hours: 2 }, helper);
    const worker = stationManager();
    const rated = (await graph.query(RATE, { id: placed.id, rating: 4 }, worker)).body.data.rateServiceRequest;
    expect(rated.history[0]).toEqual({ status: 'OPEN', actor: { id: elder.carerId }, actingAs: 'FAMILY_MEMBER', onBehalfOfElder: true });
    expect(rated.history[3]).toEqual({ status: 'RATED', actor: { id: worker.sub }, actingAs: 'STATION_WORKER', onBehalfOfElder: true });
    const byOfficer = (await graph.query(REQUEST, { elderId: elder.id, category: 'MEAL', mode: 'VOLUNTEER_CLAIM' }, officer())).body.data.requestService;
    expect(byOfficer.history[0]).toMatchObject({ actingAs: 'OFFICER', onBehalfOfElder: true });
  });

  it('when a MUTUAL_AID_GROUP request is placed, then it goes to the community resident group and only a member may claim it', async () => {
    const elder = await anElder(graph.db, '350105001002');
    const group = await aResidentGroup(graph.db, '350105001002');
    const placed = await open(elder, 'MUTUAL_AID_GROUP');
    expect(placed.team).toEqual({ id: group.id });
    expect(await refused(CLAIM, { id: placed.id }, volunteer())).toBe('FORBIDDEN');
    const claimed = (await graph.query(CLAIM, { id: placed.id }, person(group.members[0]))).body.data.claimServiceRequest;
    expect(claimed).toMatchObject({ status: 'CLAIMED', volunteer: { id: group.members[0] } });
    expect(claimed.history[1]).toMatchObject({ actingAs: 'GROUP_MEMBER' });
  });

  it('when the community has no resident group, then MUTUAL_AID_GROUP is BAD_USER_INPUT and nothing is placed', async () => {
    const elder = await anElder(graph.db, '350105001003');
    const before = await snapshot(graph.db);
    const { body } = await graph.query(REQUEST, { elderId: elder.id, category: 'MEAL', mode: 'MUTUAL_AID_GROUP' }, person(elder.personId));
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.argument).toBe('mode');
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it('when someone outside the elder side places a request, then FORBIDDEN; anonymous, UNAUTHENTICATED; an unknown elder, NOT_FOUND', async () => {
    const elder = await anElder(graph.db);
    const args = { elderId: elder.id, category: 'VISIT', mode: 'VOLUNTEER_CLAIM' };
    expect(await refused(REQUEST, args, volunteer())).toBe('FORBIDDEN');
    expect(await refused(REQUEST, args, officer('350504'))).toBe('FORBIDDEN');
    expect(await refused(REQUEST, args, anonymous)).toBe('UNAUTHENTICATED');
    expect(await refused(REQUEST, { ...args, elderId: randomUUID() }, officer())).toBe('NOT_FOUND');
    expect(await refused(REQUEST, { ...args, elderId: 'not-an-id' }, officer())).toBe('BAD_USER_INPUT');
  });

  it('when a request is placed again with the same idempotency key, then the first request is returned', async () => {
    const elder = await anElder(graph.db);
    const args = { elderId: elder.id, category: 'CLINIC', mode: 'VOLUNTEER_CLAIM', key: 'k-1' };
    const results = await Promise.all([1, 2, 3].map(() => graph.query(REQUEST, args, person(elder.personId))));
    const ids = new Set(results.map((r) => r.body.data.requestService.id));
    expect(ids.size).toBe(1);
    const [{ count }] = await graph.db.query(`SELECT count(*)::int AS count FROM elder_care.service_request WHERE elder_id = $1`, [elder.id]);
    expect(count).toBe(1);
  });

  it('when the elder tries to claim their own request or a second volunteer claims a claimed one, then FORBIDDEN and CONFLICT', async () => {
    const elder = await anElder(graph.db);
    const placed = await open(elder);
    expect(await refused(CLAIM, { id: placed.id }, person(elder.personId))).toBe('FORBIDDEN');
    const first = volunteer();
    await graph.query(CLAIM, { id: placed.id }, first);
    expect(await refused(CLAIM, { id: placed.id }, volunteer())).toBe('CONFLICT');
    // The same volunteer's retry is answered with the request, unchanged.
    const again = await graph.query(CLAIM, { id: placed.id }, first);
    expect(again.body.data.claimServiceRequest).toMatchObject({ status: 'CLAIMED', volunteer: { id: first.sub } });
    expect(again.body.data.claimServiceRequest.history).toHaveLength(2);
  });

  it('when hours are not in (0, 24], then BAD_USER_INPUT and nothing changes', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const placed = await open(elder);
    await graph.query(CLAIM, { id: placed.id }, helper);
    for (const hours of [0, -1, 24.01, 100, 1.234]) {
      expect(await refused(COMPLETE, { id: placed.id, hours }, helper)).toBe('BAD_USER_INPUT');
    }
    // 24 is a valid report, but above the 12 hours a volunteer is credited in a day: CONFLICT (the state, not the input).
    expect(await refused(COMPLETE, { id: placed.id, hours: 24 }, helper)).toBe('CONFLICT');
    const full = await graph.query(COMPLETE, { id: placed.id, hours: 12 }, helper);
    expect(full.body.data.completeServiceRequest).toMatchObject({ status: 'COMPLETED', hours: 12 });
  });

  it('when someone other than the claiming volunteer completes, or the request is not CLAIMED, then FORBIDDEN or CONFLICT', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const placed = await open(elder);
    expect(await refused(COMPLETE, { id: placed.id, hours: 1 }, helper)).toBe('FORBIDDEN'); // OPEN: nobody claimed it
    await graph.query(CLAIM, { id: placed.id }, helper);
    expect(await refused(COMPLETE, { id: placed.id, hours: 1 }, volunteer())).toBe('FORBIDDEN');
    expect(await refused(COMPLETE, { id: placed.id, hours: 1 }, person(elder.personId))).toBe('FORBIDDEN');
    await graph.query(CANCEL, { id: placed.id }, person(elder.personId));
    expect(await refused(COMPLETE, { id: placed.id, hours: 1 }, helper)).toBe('CONFLICT');
  });

  it('when a completion is repeated, then the hours are recorded and, once rated, deposited once; with other hours, CONFLICT', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const placed = await open(elder);
    await graph.query(CLAIM, { id: placed.id }, helper);
    const all = await Promise.all([1, 2, 3, 4].map(() => graph.query(COMPLETE, { id: placed.id, hours: 2.5 }, helper)));
    expect(all.map((r) => r.body.data.completeServiceRequest.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    expect(await refused(COMPLETE, { id: placed.id, hours: 3 }, helper)).toBe('CONFLICT');
    const transfers = () => graph.db.query(`SELECT kind, hours FROM elder_care.time_bank_transfer WHERE request_id = $1`, [placed.id]);
    expect(await transfers()).toEqual([]); // PENDING: not in the books yet
    await Promise.all([1, 2, 3].map(() => graph.query(RATE, { id: placed.id, rating: 5 }, person(elder.personId))));
    expect(await transfers()).toEqual([{ kind: 'DEPOSIT', hours: '2.50' }]);
  });

  it('when a rating is outside 1..5, by the volunteer, or on a request not COMPLETED, then refused and nothing changes', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const placed = await open(elder);
    expect(await refused(RATE, { id: placed.id, rating: 5 }, person(elder.personId))).toBe('CONFLICT'); // OPEN
    await graph.query(CLAIM, { id: placed.id }, helper);
    await graph.query(COMPLETE, { id: placed.id, hours: 1 }, helper);
    for (const rating of [0, 6, -3]) expect(await refused(RATE, { id: placed.id, rating }, person(elder.personId))).toBe('BAD_USER_INPUT');
    expect(await refused(RATE, { id: placed.id, rating: 5 }, helper)).toBe('FORBIDDEN');
    expect(await refused(RATE, { id: placed.id, rating: 5 }, volunteer())).toBe('FORBIDDEN');
    await graph.query(RATE, { id: placed.id, rating: 3 }, person(elder.carerId, null));
    expect(await refused(RATE, { id: placed.id, rating: 4 }, person(elder.personId))).toBe('CONFLICT');
  });

  it('when the elder side cancels an OPEN or a CLAIMED request, then CANCELLED; from COMPLETED or by a stranger, refused', async () => {
    const elder = await anElder(graph.db);
    const helper = volunteer();
    const a = await open(elder);
    expect(await refused(CANCEL, { id: a.id }, volunteer())).toBe('FORBIDDEN');
    const cancelledOpen = (await graph.query(CANCEL, { id: a.id }, person(elder.personId))).body.data.cancelServiceRequest;
    expect(cancelledOpen).toMatchObject({ status: 'CANCELLED' });
    const b = await open(elder);
    await graph.query(CLAIM, { id: b.id }, helper);
    const cancelledClaimed = (await graph.query(CANCEL, { id: b.id }, person(elder.carerId, null))).body.data.cancelServiceRequest;
    expect(cancelledClaimed.history.map((s: any) => s.status)).toEqual(['OPEN', 'CLAIMED', 'CANCELLED']);
    expect(await refused(CLAIM, { id: b.id }, volunteer())).toBe('CONFLICT');
    const c = await open(elder);
    await graph.query(CLAIM, { id: c.id }, helper);
    await graph.query(COMPLETE, { id: c.id, hours: 1 }, helper);
    expect(await refused(CANCEL, { id: c.id }, person(elder.personId))).toBe('CONFLICT');
  });

  it('when a transition names an unknown or malformed id, then NOT_FOUND or BAD_USER_INPUT; anonymous, UNAUTHENTICATED', async () => {
    const unknown = randomUUID();
    expect(await refused(CLAIM, { id: unknown }, volunteer())).toBe('NOT_FOUND');
    expect(await refused(COMPLETE, { id: unknown, hours: 1 }, volunteer())).toBe('NOT_FOUND');
    expect(await refused(RATE, { id: unknown, rating: 5 }, officer())).toBe('NOT_FOUND');
    expect(await refused(CANCEL, { id: unknown }, officer())).toBe('NOT_FOUND');
    expect(await refused(CANCEL, { id: '42' }, officer())).toBe('BAD_USER_INPUT');
    expect(await refused(CLAIM, { id: unknown }, anonymous)).toBe('UNAUTHENTICATED');
  });

  it('when a volunteer asks for a worklist, then it lists open requests they may claim near them, oldest first', async () => {
    const street = '350105101';
    const elder = await anElder(graph.db, `${street}210`);
    const other = await anElder(graph.db, '350504001001');
    const group = await aResidentGroup(graph.db, `${street}210`);
    const first = await open(elder);
    const second = await open(elder);
    await open(other);
    const groupOnly = await open(elder, 'MUTUAL_AID_GROUP');
    const taken = await open(elder);
    await graph.query(CLAIM, { id: taken.id }, volunteer(randomUUID(), `${street}210`));
    const WORKLIST = `query ($near: ID) { serviceRequestWorklist(near: $near) { totalCount edges { node { id status } } } }`;
    const mine = await graph.query(WORKLIST, { near: `${street}214` }, volunteer(randomUUID(), `${street}214`));
    expect(mine.body.data.serviceRequestWorklist.edges.map((e: any) => e.node.id)).toEqual([first.id, second.id]);
    // A volunteer works near home: a worklist in another street or district is FORBIDDEN; officers of the district may look.
    for (const home of [XINGANG, '350504001001']) {
      expect(codeOf((await graph.query(WORKLIST, { near: `${street}214` }, volunteer(randomUUID(), home))).body)).toBe('FORBIDDEN');
    }
    expect((await graph.query(WORKLIST, { near: `${street}214` }, officer('350105'))).body.data.serviceRequestWorklist.totalCount).toBe(2);
    const member = await graph.query(WORKLIST, {}, volunteer(group.members[1], `${street}210`));
    expect(member.body.data.serviceRequestWorklist.edges.map((e: any) => e.node.id)).toEqual([first.id, second.id, groupOnly.id]);
    expect(codeOf((await graph.query(WORKLIST, { near: XINGANG }, anonymous)).body)).toBe('FORBIDDEN');
  });
});
