import { randomUUID } from 'node:crypto';
import { chinaToday, type Identity } from '@civic/shared';
import { type FakeDirectory, startFakeDirectory, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aTeam, aVeteran, codeOf, count, officer, volunteer } from './arrange';

const VETERAN = `id region { code } enlistmentYear dischargeYear serviceYears partyMember skills`;
const REGISTER = `mutation ($input: RegisterVeteranInput!, $key: String) { registerVeteran(input: $input, idempotencyKey: $key) { ${VETERAN} } }`;
const JOIN = `mutation ($t: ID!, $v: ID!) { joinVeteranTeam(teamId: $t, veteranId: $v) { leftAt veteran { id } } }`;
const COMMUNITY = '350105102227';
const thisYear = Number(chinaToday().slice(0, 4));

/** Issue 14.1: veterans registered through the write path, their service years checked against the directory's birth date. */
describe('registering veterans', () => {
  let graph: SubgraphHarness;
  let directory: FakeDirectory;
  beforeAll(async () => {
    directory = await startFakeDirectory();
    graph = await startSubgraphHarness(veteranVolunteers, directory.url);
  });
  afterAll(async () => {
    await graph.stop();
    await directory.stop();
  });

  /** A person the directory knows, born in 1962. */
  const aPerson = () => {
    const id = randomUUID();
    directory.add(id, 1962);
    return id;
  };
  const input = (personId: string, overrides: Record<string, unknown> = {}) => ({
    personId,
    communityCode: COMMUNITY,
    enlistmentYear: 1981,
    dischargeYear: 1986,
    partyMember: true,
    skills: ['驾驶', '急救', '驾驶'],
    ...overrides,
  });
  const register = (personId: string, who: Identity | undefined = officer('350105'), overrides = {}, key?: string) =>
    graph.query(REGISTER, { input: input(personId, overrides), key }, who);

  it('when a district officer registers a person as a veteran, then the service years are recorded and shown to the officer', async () => {
    const { body } = await register(aPerson());
    expect(body.data.registerVeteran).toMatchObject({
      region: { code: COMMUNITY },
      enlistmentYear: 1981,
      dischargeYear: 1986,
      serviceYears: 5,
      partyMember: true,
      skills: ['驾驶', '急救'],
    });
    // The service details shown were logged in the veteran data access log.
    expect(await count(graph.db, 'veteran_data_access', 'veteran_id = $1', [body.data.registerVeteran.id])).toBe(1);
  });

  it('when a person already a veteran is registered again, then CONFLICT names the existing record', async () => {
    const personId = aPerson();
    const first = (await register(personId)).body.data.registerVeteran;
    const { body } = await register(personId, { sub: randomUUID(), roles: ['CITY_ADMIN'], region: null });
    expect(codeOf(body)).toBe('CONFLICT');
    expect(body.errors[0].extensions.existingId).toBe(first.id);
  });

  it('when a registration is retried with its key, then one veteran is registered', async () => {
    const personId = aPerson();
    const who = officer('350105');
    const a = await register(personId, who, {}, 'vet-1');
    const b = await register(personId, who, {}, 'vet-1');
    expect(b.body.data.registerVeteran.id).toBe(a.body.data.registerVeteran.id);
    expect(await count(graph.db, 'veteran', 'person_id = $1', [personId])).toBe(1);
  });

  it.each([
    ['an officer of another district', officer('350102'), 'FORBIDDEN'],
    ['a station manager', { sub: randomUUID(), roles: ['STATION_MANAGER'], region: COMMUNITY } as Identity, 'FORBIDDEN'],
    ['an analyst', { sub: randomUUID(), roles: ['ANALYST'], region: null } as Identity, 'FORBIDDEN'],
    ['a volunteer', volunteer(randomUUID()), 'FORBIDDEN'],
    ['anonymous', undefined, 'UNAUTHENTICATED'],
  ])('when %s registers a veteran in 马尾, then it is refused and nothing is registered', async (_who, who, code) => {
    const personId = aPerson();
    expect(codeOf((await graph.query(REGISTER, { input: input(personId) }, who)).body)).toBe(code);
    expect(await count(graph.db, 'veteran', 'person_id = $1', [personId])).toBe(0);
  });

  it.each([
    ['enlisted at 16', {}, { enlistmentYear: 1978, dischargeYear: 1982 }, 'input.enlistmentYear'],
    ['enlisted at 25', {}, { enlistmentYear: 1987, dischargeYear: 1990 }, 'input.enlistmentYear'],
    ['discharged before enlisting', {}, { dischargeYear: 1980 }, 'input.dischargeYear'],
    ['discharged in the future', {}, { dischargeYear: thisYear + 1 }, 'input.dischargeYear'],
    ['unknown to the directory', { unknown: true }, {}, 'input.personId'],
    ['in a district instead of a community', {}, { communityCode: '350105' }, 'input.communityCode'],
  ])('when registering a person %s, then BAD_USER_INPUT names the argument', async (_what, person: any, overrides, argument) => {
    const personId = person.unknown ? randomUUID() : aPerson();
    const { body } = await register(personId, officer('350105'), overrides);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.argument).toBe(argument);
    expect(await count(graph.db, 'veteran', 'person_id = $1', [personId])).toBe(0);
  });

  it('when a registered veteran joins a team, then they are a member; a veteran discharged later than this year may not join', async () => {
    const team = await aTeam(graph.db, '马尾老兵服务队', COMMUNITY);
    const veteran = (await register(aPerson())).body.data.registerVeteran;
    const joined = await graph.query(JOIN, { t: team.id, v: veteran.id }, officer('350105'));
    expect(joined.body.data.joinVeteranTeam).toEqual({ leftAt: null, veteran: { id: veteran.id } });

    // Rows written before registration checked discharge (seeds, imports) may name a discharge still to come.
    const serving = await aVeteran(graph.db, COMMUNITY);
    await graph.db.query(`UPDATE veteran_volunteers.veteran SET discharge_year = $2 WHERE id = $1`, [serving.id, thisYear + 1]);
    const { body } = await graph.query(JOIN, { t: team.id, v: serving.id }, officer('350105'));
    expect(codeOf(body)).toBe('CONFLICT');
    expect(await count(graph.db, 'team_membership', 'veteran_id = $1', [serving.id])).toBe(0);
  });
});
