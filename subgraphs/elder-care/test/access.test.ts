import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anElder, anonymous, analyst, cityAdmin, codeOf, officer, person, stationManager, volunteer } from './arrange';

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

  it('when an officer of the region reads an elder, then the care details show; an analyst sees them withheld', async () => {
    const elder = await anElder(graph.db, '350105001004', ['DISABLED', 'LOW_INCOME']);
    const full = (await graph.query(ELDER, { id: elder.id }, officer('350105'))).body.data.elder;
    expect(full).toEqual({
      id: elder.id, conditions: ['DISABLED', 'LOW_INCOME'], riskLevel: 'HIGH', careNeeds: ['MEAL', 'VISIT'], careNote: '低盐饮食',
      emergencyContact: { relationship: '女儿' }, carers: [{ relationship: '女儿' }], region: { code: '350105001004' },
    });
    for (const reader of [person(elder.personId), person(elder.carerId, null), stationManager('350105001'), cityAdmin()]) {
      expect((await graph.query(ELDER, { id: elder.id }, reader)).body.data.elder.careNote).toBe('低盐饮食');
    }
    const masked = (await graph.query(ELDER, { id: elder.id }, analyst())).body.data.elder;
    expect(masked).toMatchObject({ conditions: ['DISABLED', 'LOW_INCOME'], careNote: null, emergencyContact: null, carers: [] });
    const nearby = (await graph.query(ELDER, { id: elder.id }, volunteer(randomUUID(), '350105001004'))).body.data.elder;
    expect(nearby).toMatchObject({ careNote: null, carers: [] });
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
    const alone = (await graph.query(ELDERS, { region: district, condition: 'LIVING_ALONE' }, analyst())).body.data.elders;
    expect(alone.totalCount).toBe(2);
    const own = (await graph.query(ELDERS, {}, officer(district))).body.data.elders;
    expect(own.totalCount).toBe(5);
    expect(codeOf((await graph.query(ELDERS, { region: district }, officer('350105'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ELDERS, { region: district }, anonymous)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ELDERS, { region: '3505x' }, cityAdmin())).body)).toBe('BAD_USER_INPUT');
  });

  it('when a service request is reached through _entities, then the same rules hold as for the root field', async () => {
    const elder = await anElder(graph.db);
    const placed = await graph.query(`mutation ($e: ID!) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM) { id } }`, { e: elder.id }, person(elder.personId));
    const id = placed.body.data.requestService.id;
    expect((await graph.query(REQUEST_ENTITY, { id }, officer('350105'))).body.data._entities[0]).toEqual({ id, status: 'OPEN' });
    // Open to claim: any volunteer may see it, to decide whether to claim it.
    expect((await graph.query(REQUEST_ENTITY, { id }, volunteer(randomUUID(), '350504'))).body.data._entities[0].status).toBe('OPEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, officer('350504'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(REQUEST_ENTITY, { id }, anonymous)).body)).toBe('FORBIDDEN');
    const list = `query ($region: ID) { serviceRequests(regionCode: $region) { totalCount } }`;
    expect(codeOf((await graph.query(list, { region: '350105' }, anonymous)).body)).toBe('FORBIDDEN');
    expect((await graph.query(list, { region: '350105' }, analyst())).body.data.serviceRequests.totalCount).toBeGreaterThan(0);
  });

  it('when anonymous callers ask for statistics and the rewards on offer, then they get them', async () => {
    await anElder(graph.db, '350504001001', ['DISABLED']);
    const { body } = await graph.query(`{ _entities(representations: [{ __typename: "Region", code: "350504" }]) {
      ... on Region { elderCare { elders eldersByCondition { condition elders } } } } timeBankRewards { reward } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities[0].elderCare.elders).toBeGreaterThan(0);
    expect(body.data.timeBankRewards).toHaveLength(4);
  });
});
