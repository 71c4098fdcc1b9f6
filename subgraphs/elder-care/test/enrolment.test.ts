import { randomUUID } from 'node:crypto';
import { type FakeDirectory, startFakeDirectory, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { analyst, cityAdmin, codeOf, officer, person, stationManager, XINGANG } from './arrange';

const ELDER = `id region { code } conditions riskLevel careNeeds careNote enrolmentEndedAt
  carers { person { id } relationship } emergencyContact { person { id } relationship }`;
const REGISTER = `mutation ($input: RegisterElderInput!, $key: String) { registerElder(input: $input, idempotencyKey: $key) { ${ELDER} } }`;
const CONDITIONS = `mutation ($e: ID!, $c: [ElderCondition!]!) { updateElderConditions(elderId: $e, conditions: $c) { ${ELDER} } }`;
const ADD_CARER = `mutation ($e: ID!, $p: ID!, $r: String!) { addElderCarer(elderId: $e, personId: $p, relationship: $r) { ${ELDER} } }`;
const REMOVE_CARER = `mutation ($e: ID!, $p: ID!) { removeElderCarer(elderId: $e, personId: $p) { ${ELDER} } }`;
const END = `mutation ($e: ID!) { endElderEnrolment(elderId: $e, reason: "搬往外地") { ${ELDER} } }`;
const PLACE = `mutation ($e: ID!) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM) { id history { actingAs onBehalfOfElder } } }`;

/** Issue 14.1: elders registered and kept through the write path. */
describe('registering and keeping elders', () => {
  let graph: SubgraphHarness;
  let directory: FakeDirectory;
  beforeAll(async () => {
    directory = await startFakeDirectory();
    graph = await startSubgraphHarness(elderCare, directory.url);
  });
  afterAll(async () => {
    await graph.stop();
    await directory.stop();
  });

  /** People the directory knows: an elder-to-be, a daughter and a neighbour. */
  const people = () => {
    const [elder, daughter, neighbour] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [elder, daughter, neighbour]) directory.add(id);
    return { elder, daughter, neighbour };
  };
  const input = (p: ReturnType<typeof people>, overrides: Record<string, unknown> = {}) => ({
    personId: p.elder,
    communityCode: XINGANG,
    conditions: ['LIVING_ALONE'],
    careNeeds: ['MEAL'],
    careNote: '无手机，由女儿代为点单',
    carers: [{ personId: p.daughter, relationship: '女儿' }],
    emergencyContact: { personId: p.neighbour, relationship: '邻居' },
    ...overrides,
  });
  const register = async (p: ReturnType<typeof people>, who = officer('350105'), overrides = {}) => {
    const { body } = await graph.query(REGISTER, { input: input(p, overrides) }, who);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data.registerElder;
  };
  const elderCount = async (personId: string) =>
    (await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.elder WHERE person_id = $1`, [personId]))[0].n;

  it('when a district officer registers a person as an elder, then the elder has the conditions, carer and contact given', async () => {
    const p = people();
    const elder = await register(p);
    expect(elder).toMatchObject({
      region: { code: XINGANG },
      conditions: ['LIVING_ALONE'],
      riskLevel: 'MEDIUM',
      careNeeds: ['MEAL'],
      enrolmentEndedAt: null,
      carers: [{ person: { id: p.daughter }, relationship: '女儿' }],
      emergencyContact: { person: { id: p.neighbour }, relationship: '邻居' },
    });
    // The details shown were logged in the care data access log.
    const [log] = await graph.db.query(`SELECT fields FROM elder_care.care_data_access WHERE elder_id = $1`, [elder.id]);
    expect(log.fields).toEqual(expect.arrayContaining(['conditions', 'carers', 'emergencyContact']));
  });

  it('when a person already an elder is registered again, then CONFLICT names the existing record', async () => {
    const p = people();
    const first = await register(p);
    const { body } = await graph.query(REGISTER, { input: input(p) }, cityAdmin());
    expect(codeOf(body)).toBe('CONFLICT');
    expect(body.errors[0].extensions.existingId).toBe(first.id);
    expect(body.errors[0].message).toContain(first.id);
  });

  it('when a registration is retried with its idempotency key, then one elder is registered and the first is returned', async () => {
    const p = people();
    const who = officer('350105');
    const a = await graph.query(REGISTER, { input: input(p), key: 'enrol-1' }, who);
    const b = await graph.query(REGISTER, { input: input(p), key: 'enrol-1' }, who);
    expect(b.body.errors).toBeUndefined();
    expect(b.body.data.registerElder.id).toBe(a.body.data.registerElder.id);
    expect(await elderCount(p.elder)).toBe(1);
  });

  it.each([
    ['a district officer of another district', officer('350102'), 'FORBIDDEN'],
    ['a station manager of another community', stationManager('350105001011'), 'FORBIDDEN'],
    ['an analyst', analyst(), 'FORBIDDEN'],
    ['a volunteer', person(randomUUID()), 'FORBIDDEN'],
    ['anonymous', undefined, 'UNAUTHENTICATED'],
  ])('when %s registers an elder in 新港, then it is refused and nothing is registered', async (_who, who, code) => {
    const p = people();
    const { body } = await graph.query(REGISTER, { input: input(p) }, who);
    expect(codeOf(body)).toBe(code);
    expect(await elderCount(p.elder)).toBe(0);
  });

  it("when a station manager of the elder's community registers the elder, then it is registered", async () => {
    const p = people();
    expect((await register(p, stationManager(XINGANG))).region.code).toBe(XINGANG);
  });

  it.each([
    ['a person unknown to the directory', () => ({ personId: randomUUID() }), 'input.personId'],
    ['a carer unknown to the directory', () => ({ carers: [{ personId: randomUUID(), relationship: '儿子' }] }), 'input.carers[0].personId'],
    ['the elder as their own carer', (p: any) => ({ carers: [{ personId: p.elder, relationship: '本人' }] }), 'input.carers'],
    ['a blank relationship', (p: any) => ({ carers: [{ personId: p.daughter, relationship: ' ' }] }), 'input.carers[0].relationship'],
    ['a street instead of a community', () => ({ communityCode: '350105001' }), 'input.communityCode'],
    ['an unknown emergency contact', () => ({ emergencyContact: { personId: randomUUID(), relationship: '邻居' } }), 'input.emergencyContact.personId'],
  ])('when registering with %s, then BAD_USER_INPUT names the argument', async (_what, change, argument) => {
    const p = people();
    const { body } = await graph.query(REGISTER, { input: input(p, change(p)) }, officer('350105'));
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.argument).toBe(argument);
  });

  it('when an officer updates the conditions, then the risk level follows them', async () => {
    const p = people();
    const elder = await register(p);
    const { body } = await graph.query(CONDITIONS, { e: elder.id, c: ['DISABLED', 'LOW_INCOME', 'DISABLED'] }, officer('350105'));
    expect(body.data.updateElderConditions).toMatchObject({ conditions: ['DISABLED', 'LOW_INCOME'], riskLevel: 'HIGH' });
    const lowered = await graph.query(CONDITIONS, { e: elder.id, c: [] }, officer('350105'));
    expect(lowered.body.data.updateElderConditions).toMatchObject({ conditions: [], riskLevel: 'LOW' });
  });

  it('when an officer of another district or a station manager updates the conditions, then FORBIDDEN and they stay', async () => {
    const elder = await register(people());
    for (const who of [officer('350102'), stationManager(XINGANG)]) {
      expect(codeOf((await graph.query(CONDITIONS, { e: elder.id, c: ['DISABLED'] }, who)).body)).toBe('FORBIDDEN');
    }
    const [row] = await graph.db.query(`SELECT conditions FROM elder_care.elder WHERE id = $1`, [elder.id]);
    expect(row.conditions).toEqual(['LIVING_ALONE']);
  });

  it('when a carer is added, then they may place a request for the elder; once removed, they may not', async () => {
    const p = people();
    const elder = await register(p, officer('350105'), { carers: [] });
    const son = randomUUID();
    directory.add(son);
    const added = await graph.query(ADD_CARER, { e: elder.id, p: son, r: '儿子' }, officer('350105'));
    expect(added.body.data.addElderCarer.carers).toEqual([{ person: { id: son }, relationship: '儿子' }]);
    const placed = await graph.query(PLACE, { e: elder.id }, person(son));
    expect(placed.body.data.requestService.history).toEqual([{ actingAs: 'FAMILY_MEMBER', onBehalfOfElder: true }]);
    const removed = await graph.query(REMOVE_CARER, { e: elder.id, p: son }, officer('350105'));
    expect(removed.body.data.removeElderCarer.carers).toEqual([]);
    expect(codeOf((await graph.query(PLACE, { e: elder.id }, person(son))).body)).toBe('FORBIDDEN');
    const again = await graph.query(REMOVE_CARER, { e: elder.id, p: son }, officer('350105'));
    expect(codeOf(again.body)).toBe('NOT_FOUND');
  });

  it('when an elder without a phone is registered with a carer, then the carer and an officer place requests for them', async () => {
    const p = people();
    const elder = await register(p);
    const byCarer = await graph.query(PLACE, { e: elder.id }, person(p.daughter));
    const byOfficer = await graph.query(PLACE, { e: elder.id }, officer('350105'));
    expect(byCarer.body.data.requestService.history[0].actingAs).toBe('FAMILY_MEMBER');
    expect(byOfficer.body.data.requestService.history[0]).toEqual({ actingAs: 'OFFICER', onBehalfOfElder: true });
  });

  it('when the enrolment ends, then it is kept with its end and takes no new requests or changes', async () => {
    const p = people();
    const elder = await register(p);
    await graph.query(PLACE, { e: elder.id }, person(p.daughter));
    const ended = await graph.query(END, { e: elder.id }, officer('350105'));
    const endedAt = ended.body.data.endElderEnrolment.enrolmentEndedAt;
    expect(endedAt).toEqual(expect.any(String));
    const again = await graph.query(END, { e: elder.id }, officer('350105'));
    expect(again.body.data.endElderEnrolment.enrolmentEndedAt).toBe(endedAt);
    for (const who of [person(p.daughter), officer('350105')]) {
      const { body } = await graph.query(PLACE, { e: elder.id }, who);
      expect(codeOf(body)).toBe('CONFLICT');
    }
    expect(codeOf((await graph.query(CONDITIONS, { e: elder.id, c: ['DISABLED'] }, officer('350105'))).body)).toBe('CONFLICT');
    const [row] = await graph.db.query(
      `SELECT (SELECT count(*)::int FROM elder_care.service_request WHERE elder_id = $1) AS requests FROM elder_care.elder WHERE id = $1`,
      [elder.id],
    );
    expect(row.requests).toBe(1);
    // Ended, still a record: the person is not registered a second time.
    expect(codeOf((await graph.query(REGISTER, { input: input(p) }, officer('350105'))).body)).toBe('CONFLICT');
  });
});
