import { randomUUID } from 'node:crypto';
import { chinaToday, localInstant } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { aResidentGroup, anElder, codeOf, officer, person, snapshot, volunteer, XINGANG } from './arrange';

const PLACE = `mutation ($e: ID!, $mode: ServiceMode! = VOLUNTEER_CLAIM) { requestService(elderId: $e, category: VISIT, mode: $mode) { id } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id status volunteer { id } } }`;
const COMPLETE = `mutation ($id: ID!, $hours: Float!) { completeServiceRequest(id: $id, hours: $hours) { id hoursStatus } }`;

describe('no self-dealing (issue 13.5)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  const place = async (elderId: string, as: Parameters<SubgraphHarness['query']>[2], mode = 'VOLUNTEER_CLAIM') => {
    const { body } = await graph.query(PLACE, { e: elderId, mode }, as);
    expect(body.errors).toBeUndefined();
    return body.data.requestService.id as string;
  };
  const refused = async (query: string, variables: Record<string, unknown>, as: Parameters<SubgraphHarness['query']>[2]) => {
    const before = await snapshot(graph.db);
    const { body } = await graph.query(query, variables, as);
    expect(body.data).toBeNull();
    expect(await snapshot(graph.db)).toEqual(before);
    return body.errors[0];
  };

  it('when a recorded family member with a VOLUNTEER token claims the request they placed for their own elder, then FORBIDDEN and no hours can follow', async () => {
    const elder = await anElder(graph.db);
    const family = person(elder.carerId); // a VOLUNTEER token of the elder's street, as measured in the issue
    const id = await place(elder.id, family);
    const error = await refused(CLAIM, { id }, family);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'noSelfDealing' });
    expect(codeOf((await graph.query(COMPLETE, { id, hours: 24 }, family)).body)).toBe('FORBIDDEN');
  });

  it('when the elder, whoever placed the request or the emergency contact claims it, then FORBIDDEN; a neighbour of the street may', async () => {
    const elder = await anElder(graph.db);
    const contact = randomUUID();
    await graph.db.query(`UPDATE elder_care.elder SET emergency_contact_person_id = $2 WHERE id = $1`, [elder.id, contact]);
    const placer = { ...officer('350105'), roles: ['DISTRICT_OFFICER' as const, 'VOLUNTEER' as const], region: XINGANG };
    const id = await place(elder.id, placer);
    for (const who of [person(elder.personId), placer, volunteer(contact)]) {
      expect((await refused(CLAIM, { id }, who)).extensions.code).toBe('FORBIDDEN');
    }
    const neighbour = volunteer(randomUUID(), '350105001001'); // another community of 罗星街道
    expect((await graph.query(CLAIM, { id }, neighbour)).body.data.claimServiceRequest).toMatchObject({ status: 'CLAIMED', volunteer: { id: neighbour.sub } });
  });

  it("when a member of the elder's resident group is the elder's family, then they may not claim the group's request either", async () => {
    const community = '350105001007';
    const elder = await anElder(graph.db, community);
    const group = await aResidentGroup(graph.db, community, [elder.carerId as ReturnType<typeof randomUUID>, randomUUID()]);
    const id = await place(elder.id, person(elder.personId, community), 'MUTUAL_AID_GROUP');
    expect((await refused(CLAIM, { id }, person(elder.carerId, community))).extensions.code).toBe('FORBIDDEN');
    expect((await graph.query(CLAIM, { id }, person(group.members[1], community))).body.errors).toBeUndefined();
  });

  it('when a volunteer of another street, city or a token scoped coarser than a street claims, then FORBIDDEN: reach is the home street', async () => {
    const elder = await anElder(graph.db); // 马尾区罗星街道新港社区, Fuzhou
    const id = await place(elder.id, person(elder.personId));
    for (const home of ['350203001001', '350105100200', '3501', '350105', null]) {
      expect((await refused(CLAIM, { id }, volunteer(randomUUID(), home))).extensions.code).toBe('FORBIDDEN');
    }
    // A street-scoped token reaches its whole street.
    expect((await graph.query(CLAIM, { id }, volunteer(randomUUID(), '350105001'))).body.errors).toBeUndefined();
  });

  describe('at most 12 hours a China-time day per volunteer', () => {
    /** A request of the helper's street claimed by them; returns its id. */
    const claimed = async (helper: ReturnType<typeof volunteer>) => {
      const elder = await anElder(graph.db);
      const id = await place(elder.id, person(elder.personId));
      await graph.query(CLAIM, { id }, helper);
      return id;
    };

    it('when completions of one day would pass 12 hours, then CONFLICT; up to 12, recorded', async () => {
      const helper = volunteer();
      expect((await graph.query(COMPLETE, { id: await claimed(helper), hours: 8 }, helper)).body.errors).toBeUndefined();
      const third = await claimed(helper);
      const error = await refused(COMPLETE, { id: await claimed(helper), hours: 4.01 }, helper);
      expect(error.extensions.code).toBe('CONFLICT');
      expect((await graph.query(COMPLETE, { id: third, hours: 4 }, helper)).body.data.completeServiceRequest.hoursStatus).toBe('PENDING');
      // Another volunteer's day is their own.
      const other = volunteer();
      expect((await graph.query(COMPLETE, { id: await claimed(other), hours: 12 }, other)).body.errors).toBeUndefined();
    });

    it("when the earlier hours were the evening before (China time), then they count for that day, not today's", async () => {
      const helper = volunteer();
      const first = await claimed(helper);
      await graph.query(COMPLETE, { id: first, hours: 10 }, helper);
      const chinaMidnight = localInstant(chinaToday(), 0); // 16:00 UTC the day before
      await graph.db.query(`UPDATE elder_care.service_request SET completed_at = $2 WHERE id = $1`, [first, new Date(chinaMidnight.getTime() + 60_000)]);
      expect((await refused(COMPLETE, { id: await claimed(helper), hours: 3 }, helper)).extensions.code).toBe('CONFLICT');
      await graph.db.query(`UPDATE elder_care.service_request SET completed_at = $2 WHERE id = $1`, [first, new Date(chinaMidnight.getTime() - 60_000)]);
      expect((await graph.query(COMPLETE, { id: await claimed(helper), hours: 3 }, helper)).body.errors).toBeUndefined();
    });

    it('when one volunteer completes several requests at once, then the cap still holds', async () => {
      const helper = volunteer();
      const ids = await Promise.all([1, 2, 3, 4].map(() => claimed(helper)));
      const answers = await Promise.all(ids.map((id) => graph.query(COMPLETE, { id, hours: 5 }, helper)));
      expect(answers.map((a) => codeOf(a.body) ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK', 'OK']);
    });
  });
});
