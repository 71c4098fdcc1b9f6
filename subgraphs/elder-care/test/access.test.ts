import { randomUUID } from 'node:crypto';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import type { Identity } from '@civic/shared';
import {
  aResidentGroup,
  anAccountWith,
  anElder,
  anonymous,
  analyst,
  cityAdmin,
  codeOf,
  officer,
  person,
  snapshot,
  stationManager,
  volunteer,
  XINGANG,
} from './arrange';

const ELDER = `query ($id: ID!) { elder(id: $id) { id conditions riskLevel careNeeds careNote emergencyContact { relationship } carers { relationship } region { code } } }`;
const ELDER_ENTITY = `query ($id: ID!) { _entities(representations: [{ __typename: "Elder", id: $id }]) { ... on Elder { id careNote } } }`;
const REQUEST_ENTITY = `query ($id: ID!) { _entities(representations: [{ __typename: "ServiceRequest", id: $id }]) { ... on ServiceRequest { id status } } }`;
const ELDERS = `query ($region: ID, $condition: ElderCondition, $first: Int, $after: String) {
  elders(regionCode: $region, condition: $condition, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id region { code } } } } }`;

describe('who may read elders and requests (issue 7)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  it('when an officer of the region reads an elder, then the care details and conditions show; an analyst sees them withheld, a volunteer nothing', async () => {
    const elder = await anElder(graph.db, '350105001004', ['DISABLED', 'LOW_INCOME']);
    const full = (await graph.query(ELDER, { id: elder.id }, officer('350105'))).body.data.elder;
    expect(full).toEqual({
      id: elder.id,
      conditions: ['DISABLED', 'LOW_INCOME'],
      riskLevel: 'HIGH',
      careNeeds: ['MEAL', 'VISIT'],
      careNote: '低盐饮食',
      emergencyContact: { relationship: '女儿' },
      carers: [{ relationship: '女儿' }],
      region: { code: '350105001004' },
    });
    for (const reader of [person(elder.personId), person(elder.carerId, null), stationManager('350105001'), cityAdmin()]) {
      expect((await graph.query(ELDER, { id: elder.id }, reader)).body.data.elder.careNote).toBe('低盐饮食');
    }
    // Conditions are health data: analysts get the risk level to triage by, not the conditions.
    const masked = (await graph.query(ELDER, { id: elder.id }, analyst())).body.data.elder;
    expect(masked).toMatchObject({ conditions: [], riskLevel: 'HIGH', careNote: null, emergencyContact: null, carers: [] });
    // A volunteer of the same community reads no elder by id: only with a request they may read.
    expect(codeOf((await graph.query(ELDER, { id: elder.id }, volunteer(randomUUID(), '350105001004'))).body)).toBe('FORBIDDEN');
  });

  it('when a caller outside the region or anonymous asks for an elder, by root field or _entities, then FORBIDDEN', async () => {
    const elder = await anElder(graph.db);
    for (const query of [ELDER, ELDER_ENTITY]) {
      for (const stranger of [officer('350504'), volunteer(randomUUID(), '350504001001'), anonymous]) {
        expect(codeOf((await graph.query(query, { id: elder.id }, stranger)).body)).toBe('FORBIDDEN');
      }
    }
    expect((await graph.query(ELDER, { id: randomUUID() }, officer())).body.data.elder).toBeNull();
    expect(codeOf((await graph.query(ELDER, { id: 'x' }, officer())).body)).toBe('BAD_USER_INPUT');
  });

  it('when elders are listed, then each caller sees the regions their role covers, filtered and paged', async () => {
    const district = '350581'; // a district no other test writes to
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await anElder(graph.db, `${district}00100${i}`, i % 2 ? ['LIVING_ALONE'] : ['ADVANCED_AGE']));
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await graph.query(ELDERS, { region: district, first: 2, after }, officer(district))).body.data.elders;
      expect(page.totalCount).toBe(5);
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids.sort()).toEqual(made.map((e) => e.id).sort());
    const alone = (await graph.query(ELDERS, { region: district, condition: 'LIVING_ALONE' }, officer(district))).body.data.elders;
    expect(alone.totalCount).toBe(2);
    expect((await graph.query(ELDERS, { region: district }, analyst())).body.data.elders.totalCount).toBe(5);
    // A list filtered by condition tells each elder's condition: not for analysts; volunteers list no elders at all.
    expect(codeOf((await graph.query(ELDERS, { region: district, condition: 'LIVING_ALONE' }, analyst())).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ELDERS, {}, volunteer(randomUUID(), `${district}001001`))).body)).toBe('FORBIDDEN');
    const own = (await graph.query(ELDERS, {}, officer(district))).body.data.elders;
    expect(own.totalCount).toBe(5);
    expect(codeOf((await graph.query(ELDERS, { region: district }, officer('350105'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ELDERS, { region: district }, anonymous)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ELDERS, { region: '3505x' }, cityAdmin())).body)).toBe('BAD_USER_INPUT');
  });

  it('when a service request is reached through _entities, then the same rules hold as for the root field', async () => {
    const elder = await anElder(graph.db);
    const placed = await graph.query(
      `mutation ($e: ID!) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM) { id } }`,
      { e: elder.id },
      person(elder.personId),
    );
    const id = placed.body.data.requestService.id;
    expect((await graph.query(REQUEST_ENTITY, { id }, officer('350105'))).body.data._entities[0]).toEqual({ id, status: 'OPEN' });
    // Open to claim: volunteers of the street may see it, to decide whether to claim it; others may not.
    expect((await graph.query(REQUEST_ENTITY, { id }, volunteer(randomUUID(), '350105001009'))).body.data._entities[0].status).toBe('OPEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, volunteer(randomUUID(), '350504001001'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, volunteer(randomUUID(), '350105002001'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, officer('350504'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, anonymous)).body)).toBe('FORBIDDEN');
    const list = `query ($region: ID) { serviceRequests(regionCode: $region) { totalCount } }`;
    expect(codeOf((await graph.query(list, { region: '350105' }, anonymous)).body)).toBe('FORBIDDEN');
    expect((await graph.query(list, { region: '350105' }, analyst())).body.data.serviceRequests.totalCount).toBeGreaterThan(0);
  });

  const PLACE = `mutation ($e: ID!, $note: String, $mode: ServiceMode! = VOLUNTEER_CLAIM) {
    requestService(elderId: $e, category: CLINIC, mode: $mode, note: $note) { id } }`;
  const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id } }`;
  const READ_REQUEST = `query ($id: ID!) { serviceRequest(id: $id) { id note elder { id conditions riskLevel careNote carers { relationship } } } }`;
  const MY_REQUESTS = `{ serviceRequests { totalCount edges { node { id } } } }`;

  it('when volunteers read an open request, then one of another district is refused and one of the street sees it without note, conditions or care details', async () => {
    const community = '350504001001';
    const elder = await anElder(graph.db, community, ['DISABLED']);
    const placed = await graph.query(PLACE, { e: elder.id, note: '糖尿病, 需要测血糖' }, person(elder.personId, community));
    const id = placed.body.data.requestService.id;
    const far = volunteer(randomUUID(), XINGANG);
    for (const query of [READ_REQUEST, REQUEST_ENTITY]) expect(codeOf((await graph.query(query, { id }, far)).body)).toBe('FORBIDDEN');
    const near = volunteer(randomUUID(), '350504001002');
    const seen = (await graph.query(READ_REQUEST, { id }, near)).body.data.serviceRequest;
    expect(seen).toEqual({ id, note: null, elder: { id: elder.id, conditions: [], riskLevel: 'MEDIUM', careNote: null, carers: [] } });
    const byAnalyst = (await graph.query(READ_REQUEST, { id }, analyst())).body.data.serviceRequest;
    expect(byAnalyst).toMatchObject({ note: null, elder: { conditions: [], careNote: null } });
    expect(codeOf((await graph.query(READ_REQUEST, { id }, officer('350105'))).body)).toBe('FORBIDDEN');
    // The elder's side and the officers of the region see it whole.
    for (const reader of [person(elder.carerId, null), officer('350504')]) {
      const whole = (await graph.query(READ_REQUEST, { id }, reader)).body.data.serviceRequest;
      expect(whole).toMatchObject({ note: '糖尿病, 需要测血糖', elder: { conditions: ['DISABLED'], careNote: '低盐饮食' } });
    }
    // A volunteer lists only what they take part in: nothing of the street until they claim it.
    expect((await graph.query(MY_REQUESTS, {}, near)).body.data.serviceRequests.totalCount).toBe(0);
    await graph.query(CLAIM, { id }, near);
    expect((await graph.query(MY_REQUESTS, {}, near)).body.data.serviceRequests.edges).toEqual([{ node: { id } }]);
    expect((await graph.query(MY_REQUESTS, {}, person(elder.personId, community))).body.data.serviceRequests.edges).toEqual([{ node: { id } }]);
    // Claimed, it is the claimer's: the other volunteers of the street no longer read it.
    expect(codeOf((await graph.query(READ_REQUEST, { id }, volunteer(randomUUID(), community))).body)).toBe('FORBIDDEN');
  });

  it('when a ledger row names a request the reader may not read, then that request is FORBIDDEN; its volunteer reads it', async () => {
    const helper = volunteer(randomUUID(), XINGANG);
    const serve = async (elderId: string, as: Identity, mode = 'VOLUNTEER_CLAIM') => {
      const id = (await graph.query(PLACE, { e: elderId, mode }, as)).body.data.requestService.id;
      await graph.query(CLAIM, { id }, helper);
      await graph.query(`mutation ($id: ID!) { completeServiceRequest(id: $id, hours: 1) { id } }`, { id }, helper);
      await graph.query(`mutation ($id: ID!) { rateServiceRequest(id: $id, rating: 5) { id } }`, { id }, as);
      return id as string;
    };
    const home = await anElder(graph.db, XINGANG);
    const away = await anElder(graph.db, '350504001001', ['DISABLED']);
    // Beyond the helper's street the resident group serves: the helper is a member there.
    await aResidentGroup(graph.db, '350504001001', [helper.sub as ReturnType<typeof randomUUID>]);
    const first = await serve(home.id, person(home.personId)); // opens the account in 马尾区
    const second = await serve(away.id, person(away.personId, '350504001001'), 'MUTUAL_AID_GROUP');
    const LEDGER = `query ($id: ID!) { _entities(representations: [{ __typename: "Person", id: $id }]) {
      ... on Person { timeBank { entries { edges { node { request { id note elder { conditions } } } } } } } } }`;
    const { body } = await graph.query(LEDGER, { id: helper.sub }, officer('350105'));
    const requests = body.data._entities[0].timeBank.entries.edges.map((e: any) => e.node.request);
    expect(requests).toEqual([null, { id: first, note: null, elder: { conditions: ['ADVANCED_AGE', 'LIVING_ALONE'] } }]);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    const own = await graph.query(LEDGER, { id: helper.sub }, helper);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data._entities[0].timeBank.entries.edges.map((e: any) => e.node.request.id)).toEqual([second, first]);
  });

  it('when teams are read, then partners and strangers get none, analysts see them without members, members and officers see who is in them', async () => {
    const community = '350105003001';
    const group = await aResidentGroup(graph.db, community);
    const TEAM = `query ($id: ID!) { serviceTeam(id: $id) { id members { id } } }`;
    const TEAM_ENTITY = `query ($id: ID!) { _entities(representations: [{ __typename: "ServiceTeam", id: $id }]) { ... on ServiceTeam { id } } }`;
    const TEAMS = `query ($region: ID) { serviceTeams(regionCode: $region) { totalCount edges { node { id members { id } } } } }`;
    const partner: Identity = { sub: randomUUID(), roles: ['PARTNER'], region: '3501' };
    for (const stranger of [partner, volunteer(randomUUID(), community)]) {
      for (const query of [TEAM, TEAM_ENTITY]) expect(codeOf((await graph.query(query, { id: group.id }, stranger)).body)).toBe('FORBIDDEN');
      expect((await graph.query(TEAMS, { region: community }, stranger)).body.data.serviceTeams.totalCount).toBe(0);
    }
    expect((await graph.query(TEAM, { id: group.id }, analyst())).body.data.serviceTeam).toEqual({ id: group.id, members: [] });
    const members = group.members.map((id) => ({ id }));
    expect((await graph.query(TEAM, { id: group.id }, officer('350105'))).body.data.serviceTeam.members).toEqual(members);
    expect(codeOf((await graph.query(TEAM, { id: group.id }, officer('350504'))).body)).toBe('FORBIDDEN');
    const mine = (await graph.query(TEAMS, {}, person(group.members[0], community))).body.data.serviceTeams;
    expect(mine).toEqual({ totalCount: 1, edges: [{ node: { id: group.id, members } }] });
  });

  it('when an analyst or a partner tries to change anything, even as family or a group member, then FORBIDDEN and nothing changes', async () => {
    const community = '350105004001';
    const elder = await anElder(graph.db, community);
    const group = await aResidentGroup(graph.db, community);
    const open = (await graph.query(PLACE, { e: elder.id, mode: 'MUTUAL_AID_GROUP' }, person(elder.personId, community))).body.data.requestService.id;
    const as = (sub: string, role: 'ANALYST' | 'PARTNER'): Identity => ({ sub, roles: [role], region: community });
    await anAccountWith(graph.db, elder.carerId, 10, community);
    for (const role of ['ANALYST', 'PARTNER'] as const) {
      const calls: [string, Record<string, unknown>, Identity][] = [
        [PLACE, { e: elder.id }, as(elder.carerId, role)],
        [CLAIM, { id: open }, as(group.members[0], role)],
        [`mutation { redeemHours(hours: 1, category: MEAL, idempotencyKey: "a") { balance } }`, {}, as(elder.carerId, role)],
        [`mutation { buyTimeBankReward(reward: HONOUR_CERTIFICATE, idempotencyKey: "b") { balance } }`, {}, as(elder.carerId, role)],
      ];
      for (const [query, variables, caller] of calls) {
        const before = await snapshot(graph.db);
        const { body } = await graph.query(query, variables, caller);
        expect(codeOf(body)).toBe('FORBIDDEN');
        expect(await snapshot(graph.db)).toEqual(before);
      }
    }
    // The same people with a resident's token may act.
    expect((await graph.query(CLAIM, { id: open }, person(group.members[0], community))).body.errors).toBeUndefined();
  });

  it('when anonymous callers ask for statistics and the rewards on offer, then they get them, a count under 5 withheld', async () => {
    await anElder(graph.db, '350504001001', ['DISABLED']);
    const STATS = `{ _entities(representations: [{ __typename: "Region", code: "350504" }]) {
      ... on Region { elderCare { elders suppressed eldersByCondition { condition elders } } } } timeBankRewards { reward } }`;
    const exact = (await graph.query(STATS, {}, EXACT_FIGURES)).body.data._entities[0].elderCare.elders;
    const { body } = await graph.query(STATS);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities[0].elderCare).toMatchObject(exact < 5 ? { elders: null, suppressed: expect.arrayContaining(['elders']) } : { elders: exact });
    expect(body.data.timeBankRewards).toHaveLength(4);
  });
});
