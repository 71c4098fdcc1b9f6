import { randomUUID } from 'node:crypto';
import { startStandInGateway, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity, Role } from '@civic/shared';
import { directory } from '../src/module';
import { makeIdNumber } from '../src/domain/idNumber';

/** Registering and keeping people, volunteers and organisations (issue 14, point 1), one rule per test. */
const caller = (roles: Role[], region: string, sub: string = randomUUID()): Identity => ({ sub, roles, region });
const MAWEI = '350105';
const YANSHAN = '350105001001'; // 沿山社区, 马尾区
const MAXIAN = '350105001002'; // 马限社区, 马尾区
const WANFU = '350504001001'; // 万福社区居委会, 洛江区
const officer = caller(['DISTRICT_OFFICER'], MAWEI);
const admin = caller(['CITY_ADMIN'], '35');

const REGISTER = `mutation Register($name: String!, $gender: Gender!, $birthDate: Date!, $idNumber: String!, $phone: String,
  $homeCommunityCode: ID!, $idempotencyKey: String) {
  registerPerson(name: $name, gender: $gender, birthDate: $birthDate, idNumber: $idNumber, phone: $phone,
    homeCommunityCode: $homeCommunityCode, idempotencyKey: $idempotencyKey) {
    id name gender birthDate phone idNumber hasPhone actedForBy { id } region { code } } }`;
const UPDATE = `mutation Update($id: ID!, $name: String, $phone: String, $homeCommunityCode: ID) {
  updatePerson(id: $id, name: $name, phone: $phone, homeCommunityCode: $homeCommunityCode) { id name phone hasPhone actedForBy { id } region { code } } }`;
const REGISTER_VOLUNTEER = `mutation Volunteer($personId: ID!, $skills: [VolunteerSkill!]!, $availability: [WeekHalfDay!]!,
  $volunteerNumber: String, $communityCode: ID, $idempotencyKey: String) {
  registerVolunteer(personId: $personId, skills: $skills, availability: $availability, volunteerNumber: $volunteerNumber,
    communityCode: $communityCode, idempotencyKey: $idempotencyKey) { id skills availability volunteerNumber community { code } registeredAt } }`;
const REGISTER_ORG = `mutation Org($name: String!, $kind: OrganizationKind!, $creditCode: String!, $regionCode: ID!, $idempotencyKey: String) {
  registerOrganization(name: $name, kind: $kind, creditCode: $creditCode, regionCode: $regionCode, idempotencyKey: $idempotencyKey) {
    id name kind creditCode endedOn region { code } } }`;

let sequence = 100;
/** A fresh valid ID number for a resident born on the date, and the arguments to register them. */
function resident(overrides: Record<string, unknown> = {}) {
  const birthDate = '1950-06-15';
  const gender = 'FEMALE';
  return {
    name: '陈美玉',
    gender,
    birthDate,
    idNumber: makeIdNumber(MAWEI, birthDate, (sequence += 2), gender),
    phone: '13905912345',
    homeCommunityCode: YANSHAN,
    ...overrides,
  };
}

describe('directory records', () => {
  let graph: SubgraphHarness;
  let gateway: Awaited<ReturnType<typeof startStandInGateway>>;
  beforeAll(async () => {
    // A move asks the stations who manages them (StationManagersIn): nobody, here; and moves the volunteer's rows elsewhere (MoveVolunteerCopies): none.
    gateway = await startStandInGateway(({ query }) => (query.includes('MoveVolunteerCopies') ? { moveTimeBankAccount: 0 } : { stationManagersIn: [] }));
    graph = await startSubgraphHarness(directory, gateway.url);
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  const register = async (args: Record<string, unknown>, who: Identity = officer) => graph.query(REGISTER, args, who);
  const errorOf = (body: { errors?: { extensions: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;

  describe('registering a person', () => {
    it('when an officer registers a resident with a valid ID number, then they are stored, the number sealed, and the answer whole', async () => {
      const args = resident();
      const { body } = await register(args);
      expect(body.errors).toBeUndefined();
      expect(body.data.registerPerson).toMatchObject({
        name: '陈美玉',
        idNumber: args.idNumber,
        phone: '13905912345',
        birthDate: '1950-06-15',
        hasPhone: true,
        region: { code: YANSHAN },
      });
      const [row] = await graph.db.query(`SELECT row_to_json(p)::text AS json FROM directory.person p WHERE id = $1`, [body.data.registerPerson.id]);
      expect(row.json).not.toContain(args.idNumber);
      // the answer showed personal data: the read is logged like any other
      const logged = await graph.db.query(`SELECT fields FROM directory.personal_data_access WHERE person_id = $1`, [body.data.registerPerson.id]);
      expect(logged[0].fields).toEqual(expect.arrayContaining(['idNumber', 'phone', 'birthDate']));
    });

    it('when the check digit is wrong, then BAD_USER_INPUT naming idNumber and nothing is stored', async () => {
      const args = resident();
      const wrong = args.idNumber.slice(0, 17) + (args.idNumber[17] === '1' ? '2' : '1');
      const { body } = await register({ ...args, idNumber: wrong });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumber' });
      expect(body.errors[0].message).toContain('check character');
    });

    it('when the birth date disagrees with the ID number, then BAD_USER_INPUT naming idNumber', async () => {
      const { body } = await register({ ...resident(), birthDate: '1950-06-16' });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumber' });
      expect(body.errors[0].message).toContain('1950-06-15');
    });

    it('when the gender disagrees with the gender digit, then BAD_USER_INPUT naming idNumber', async () => {
      const { body } = await register({ ...resident(), gender: 'MALE' });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'idNumber' });
      expect(body.errors[0].message).toContain('gender digit');
    });

    it.each([
      ['a landline', { phone: '059187654321' }, 'phone'],
      ['an unallocated mobile prefix', { phone: '14012345678' }, 'phone'],
      ['a street instead of a community', { homeCommunityCode: '350105001' }, 'homeCommunityCode'],
      ['a community that does not exist', { homeCommunityCode: '350105001999' }, 'homeCommunityCode'],
    ])('when the person has %s, then BAD_USER_INPUT naming the argument', async (_, overrides, argument) => {
      const { body } = await register(resident(overrides), admin);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });

    it('when no phone is given, then the person is registered without one', async () => {
      const { body } = await register({ ...resident(), phone: null });
      expect(body.data.registerPerson).toMatchObject({ phone: null, hasPhone: true });
    });

    it('when the same ID number is registered again (even with a lower-case x), then CONFLICT naming the first person', async () => {
      let args = resident();
      // a number whose check character is X, so the lower-case spelling is tested too
      for (let s = 300; !args.idNumber.endsWith('X'); s += 2) args = { ...args, idNumber: makeIdNumber(MAWEI, '1950-06-15', s, 'FEMALE') };
      const first = await register(args);
      const again = await register({ ...args, name: '陈美珍', idNumber: args.idNumber.toLowerCase() });
      expect(errorOf(again.body)).toMatchObject({ code: 'CONFLICT', existingId: first.body.data.registerPerson.id });
    });

    it('when the same ID number is registered twice at once, then one succeeds and the other is CONFLICT naming it', async () => {
      const args = resident();
      const answers = await Promise.all([register(args), register(args, admin)]);
      const stored = answers.find((a) => a.body.data?.registerPerson)?.body.data.registerPerson;
      const refused = answers.find((a) => a.body.errors)?.body;
      expect(stored).toBeDefined();
      expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', existingId: stored.id });
    });

    it('when a retry carries the same idempotency key, then the first person is returned and only one is stored', async () => {
      const args = { ...resident(), idempotencyKey: `register-${randomUUID()}` };
      const first = await register(args);
      const retry = await register(args);
      expect(retry.body.data.registerPerson.id).toBe(first.body.data.registerPerson.id);
      const [{ count }] = await graph.db.query(`SELECT count(*)::int AS count FROM directory.person WHERE name = $1 AND birth_date = $2 AND id = $3`, [
        args.name,
        args.birthDate,
        first.body.data.registerPerson.id,
      ]);
      expect(count).toBe(1);
      const other = await register({ ...args, idNumber: resident().idNumber });
      expect(errorOf(other.body)).toMatchObject({ code: 'CONFLICT', idempotencyKey: args.idempotencyKey });
    });
  });

  describe('who may register and keep people', () => {
    it.each([
      ['an officer of another district', caller(['DISTRICT_OFFICER'], '350504')],
      ['a station manager of another district', caller(['STATION_MANAGER'], '350504')],
      ['an analyst', caller(['ANALYST'], '35')],
      ['a volunteer', caller(['VOLUNTEER'], MAWEI)],
      ['a partner', { ...caller(['PARTNER'], MAWEI), partner: 'elder-canteens' }],
    ])('when %s registers a resident of 马尾区, then FORBIDDEN and nothing is stored', async (_, who) => {
      const people = async () => (await graph.db.query(`SELECT count(*)::int AS count FROM directory.person`))[0].count;
      const before = await people();
      const { body } = await register(resident(), who);
      expect(errorOf(body)?.code).toBe('FORBIDDEN');
      expect(await people()).toBe(before);
    });

    it('when a station manager of the district registers a resident, then it is allowed', async () => {
      const { body } = await register(resident(), caller(['STATION_MANAGER'], '350105001'));
      expect(body.errors).toBeUndefined();
    });

    it('when an officer moves a person out of its district, then FORBIDDEN by officerOfRegion; the city admin may', async () => {
      const { body } = await register(resident());
      const id = body.data.registerPerson.id;
      const refused = await graph.query(UPDATE, { id, homeCommunityCode: WANFU }, officer);
      expect(errorOf(refused.body)).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
      const moved = await graph.query(UPDATE, { id, homeCommunityCode: WANFU }, admin);
      expect(moved.body.data.updatePerson.region.code).toBe(WANFU);
    });

    it('when a volunteer changes their own phone, then it is changed; their own name or another person, then FORBIDDEN', async () => {
      const { body } = await register(resident());
      const id = body.data.registerPerson.id;
      const self = caller(['VOLUNTEER'], MAWEI, id);
      const changed = await graph.query(UPDATE, { id, phone: '13600000001' }, self);
      expect(changed.body.data.updatePerson.phone).toBe('13600000001');
      const renamed = await graph.query(UPDATE, { id, name: '陈美华' }, self);
      expect(errorOf(renamed.body)).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
      const other = await graph.query(UPDATE, { id, phone: '13600000002' }, caller(['VOLUNTEER'], MAWEI));
      expect(errorOf(other.body)?.code).toBe('FORBIDDEN');
    });

    it('when an officer corrects the name and removes the phone, then both are kept', async () => {
      const { body } = await register(resident());
      const { body: updated } = await graph.query(UPDATE, { id: body.data.registerPerson.id, name: '陈美华', phone: '' }, officer);
      expect(updated.data.updatePerson).toMatchObject({ name: '陈美华', phone: null });
    });
  });

  describe('a person without a phone', () => {
    const MARK = `mutation Mark($id: ID!, $by: ID) { markPersonWithoutPhone(id: $id, actedForById: $by) { id phone hasPhone actedForBy { id name } } }`;

    it('when a person is marked as having no phone, then the number goes, hasPhone is false and who acts for them is shown', async () => {
      const elder = (await register(resident())).body.data.registerPerson;
      const carer = (await register(resident({ name: '林志强' }))).body.data.registerPerson;
      const { body } = await graph.query(MARK, { id: elder.id, by: carer.id }, officer);
      expect(body.data.markPersonWithoutPhone).toMatchObject({ phone: null, hasPhone: false, actedForBy: { id: carer.id, name: '林志强' } });
      // marking again changes nothing more
      expect((await graph.query(MARK, { id: elder.id, by: carer.id }, officer)).body.data.markPersonWithoutPhone.hasPhone).toBe(false);
      // a number recorded later means they have a phone after all: the mark goes
      const { body: later } = await graph.query(UPDATE, { id: elder.id, phone: '13705910000' }, officer);
      expect(later.data.updatePerson).toMatchObject({ hasPhone: true, actedForBy: null, phone: '13705910000' });
    });

    it('when the person would act for themselves or an unknown person, then BAD_USER_INPUT naming actedForById', async () => {
      const elder = (await register(resident())).body.data.registerPerson;
      for (const by of [elder.id, randomUUID()]) {
        const { body } = await graph.query(MARK, { id: elder.id, by }, officer);
        expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'actedForById' });
      }
    });

    it('when an officer of another district marks them, then FORBIDDEN', async () => {
      const elder = (await register(resident())).body.data.registerPerson;
      const { body } = await graph.query(MARK, { id: elder.id }, caller(['DISTRICT_OFFICER'], '350504'));
      expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
    });
  });

  describe('volunteers', () => {
    const UPDATE_VOLUNTEER = `mutation UV($personId: ID!, $availability: [WeekHalfDay!], $skills: [VolunteerSkill!]) {
      updateVolunteer(personId: $personId, availability: $availability, skills: $skills) { skills availability } }`;
    const MOVE = `mutation Move($personId: ID!, $communityCode: ID!) { moveVolunteer(personId: $personId, communityCode: $communityCode) { community { code } } }`;
    const volunteerArgs = (personId: string, extra: Record<string, unknown> = {}) => ({
      personId,
      skills: ['PATROL', 'COMPANIONSHIP', 'PATROL'],
      availability: ['SAT_AM', 'MON_PM'],
      ...extra,
    });

    it('when a person is registered as a volunteer, then skills and half-days come back in the vocabulary order, in their home community', async () => {
      const person = (await register(resident())).body.data.registerPerson;
      const { body } = await graph.query(REGISTER_VOLUNTEER, volunteerArgs(person.id, { volunteerNumber: '3501-0520-2600-01' }), officer);
      expect(body.data.registerVolunteer.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(body.data.registerVolunteer).toEqual({
        registeredAt: expect.any(String),
        id: person.id,
        skills: ['COMPANIONSHIP', 'PATROL'],
        availability: ['MON_PM', 'SAT_AM'],
        volunteerNumber: '35010520260001',
        community: { code: YANSHAN },
      });
    });

    it('when the volunteer number is taken, then CONFLICT naming its volunteer; a malformed one is BAD_USER_INPUT', async () => {
      const a = (await register(resident())).body.data.registerPerson;
      const b = (await register(resident())).body.data.registerPerson;
      await graph.query(REGISTER_VOLUNTEER, volunteerArgs(a.id, { volunteerNumber: 'FJ20260001' }), officer);
      const taken = await graph.query(REGISTER_VOLUNTEER, volunteerArgs(b.id, { volunteerNumber: 'FJ20260001' }), officer);
      expect(errorOf(taken.body)).toMatchObject({ code: 'CONFLICT', existingId: a.id });
      const bad = await graph.query(REGISTER_VOLUNTEER, volunteerArgs(b.id, { volunteerNumber: 'FJ-2026' }), officer);
      expect(errorOf(bad.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'volunteerNumber' });
      const twice = await graph.query(REGISTER_VOLUNTEER, volunteerArgs(a.id), officer);
      expect(errorOf(twice.body)).toMatchObject({ code: 'CONFLICT', existingId: a.id });
    });

    it("when a volunteer has no national number, then the graph's own shows, GRAPH; a national one recorded later shows instead, and removing it brings the same own number back; erasure removes both", async () => {
      const NUMBER = `mutation N($personId: ID!, $n: String) { updateVolunteer(personId: $personId, volunteerNumber: $n) { volunteerNumber volunteerNumberKind } }`;
      const ERASE = `mutation E($personId: ID!) { erasePerson(personId: $personId) { erased } }`;
      const READ = `query V($personId: ID!) { volunteer(personId: $personId) { volunteerNumber volunteerNumberKind } }`;
      const [a, b] = [(await register(resident())).body.data.registerPerson, (await register(resident())).body.data.registerPerson];
      const own = (await graph.query(`${REGISTER_VOLUNTEER.replace('registeredAt }', 'registeredAt volunteerNumberKind }')}`, volunteerArgs(a.id), officer))
        .body.data.registerVolunteer;
      expect(own).toMatchObject({ volunteerNumber: expect.stringMatching(/^CGV\d{10}$/), volunteerNumberKind: 'GRAPH' });
      await graph.query(REGISTER_VOLUNTEER, volunteerArgs(b.id), officer);
      const next = (await graph.query(READ, { personId: b.id }, officer)).body.data.volunteer.volunteerNumber;
      expect(Number(next.slice(3, 11))).toBe(Number(own.volunteerNumber.slice(3, 11)) + 1);

      expect((await graph.query(NUMBER, { personId: a.id, n: '35010520269999' }, officer)).body.data.updateVolunteer).toEqual({
        volunteerNumber: '35010520269999',
        volunteerNumberKind: 'NATIONAL',
      });
      expect((await graph.query(NUMBER, { personId: a.id, n: '' }, officer)).body.data.updateVolunteer).toEqual({
        volunteerNumber: own.volunteerNumber,
        volunteerNumberKind: 'GRAPH',
      });
      // Not readable by another region's officer: withheld, and so is its kind.
      expect((await graph.query(READ, { personId: a.id }, caller(['DISTRICT_OFFICER'], '350504'))).body.data.volunteer).toEqual({
        volunteerNumber: null,
        volunteerNumberKind: null,
      });

      await graph.query(ERASE, { personId: a.id }, officer);
      expect((await graph.query(READ, { personId: a.id }, officer)).body.data.volunteer).toEqual({ volunteerNumber: null, volunteerNumberKind: null });
      const [{ taken }] = await graph.db.query(`SELECT count(*)::int AS taken FROM directory.volunteer WHERE graph_number = $1`, [own.volunteerNumber]);
      expect(taken).toBe(0);
    });

    it("when a station manager's retry carries the same key, then the first registration is returned; without it, CONFLICT", async () => {
      const person = (await register(resident())).body.data.registerPerson;
      const manager = caller(['STATION_MANAGER'], MAWEI);
      const args = volunteerArgs(person.id, { idempotencyKey: `v-${randomUUID()}` });
      const first = await graph.query(REGISTER_VOLUNTEER, args, manager);
      const retry = await graph.query(REGISTER_VOLUNTEER, args, manager);
      expect(first.body.errors).toBeUndefined();
      expect(retry.body).toEqual(first.body);
      const unkeyed = await graph.query(REGISTER_VOLUNTEER, { ...args, idempotencyKey: null }, manager);
      expect(errorOf(unkeyed.body)).toMatchObject({ code: 'CONFLICT', existingId: person.id });
    });

    it('when a volunteer changes their own availability, then it is changed; their skills, then FORBIDDEN', async () => {
      const person = (await register(resident())).body.data.registerPerson;
      await graph.query(REGISTER_VOLUNTEER, volunteerArgs(person.id), officer);
      const self = caller(['VOLUNTEER'], MAWEI, person.id);
      const week = await graph.query(UPDATE_VOLUNTEER, { personId: person.id, availability: ['SUN_PM'] }, self);
      expect(week.body.data.updateVolunteer.availability).toEqual(['SUN_PM']);
      const skills = await graph.query(UPDATE_VOLUNTEER, { personId: person.id, skills: ['HAIRCUT'] }, self);
      expect(errorOf(skills.body)?.code).toBe('FORBIDDEN');
    });

    it('when a volunteer moves within the district, then the officer may; to another district, only the city admin', async () => {
      const person = (await register(resident())).body.data.registerPerson;
      await graph.query(REGISTER_VOLUNTEER, volunteerArgs(person.id), officer);
      expect((await graph.query(MOVE, { personId: person.id, communityCode: MAXIAN }, officer)).body.data.moveVolunteer.community.code).toBe(MAXIAN);
      const out = await graph.query(MOVE, { personId: person.id, communityCode: WANFU }, officer);
      expect(errorOf(out.body)).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
      expect((await graph.query(MOVE, { personId: person.id, communityCode: WANFU }, admin)).body.data.moveVolunteer.community.code).toBe(WANFU);
    });
  });

  describe('organisations', () => {
    const HUAWEI = '914403001922038216';
    const DEREGISTER = `mutation D($id: ID!, $endedOn: Date) { deregisterOrganization(id: $id, endedOn: $endedOn) { id endedOn name } }`;

    it('when an organisation is registered with a valid credit code, then it is kept with it; the same code again is CONFLICT naming it', async () => {
      const args = { name: '马尾区爱心志愿者协会', kind: 'ASSOCIATION', creditCode: HUAWEI, regionCode: MAWEI };
      const { body } = await graph.query(REGISTER_ORG, args, officer);
      expect(body.data.registerOrganization).toMatchObject({ creditCode: HUAWEI, kind: 'ASSOCIATION', endedOn: null, region: { code: MAWEI } });
      const again = await graph.query(REGISTER_ORG, { ...args, name: '另一个名字' }, admin);
      expect(errorOf(again.body)).toMatchObject({ code: 'CONFLICT', existingId: body.data.registerOrganization.id });
    });

    it.each([
      ['a wrong check character', '914403001922038217'],
      ['a letter outside the set', '91440300192203821O'],
      ['17 characters', '91440300192203821'],
    ])('when the credit code has %s, then BAD_USER_INPUT naming creditCode', async (_, creditCode) => {
      const { body } = await graph.query(REGISTER_ORG, { name: '某机构', kind: 'ENTERPRISE', creditCode, regionCode: MAWEI }, officer);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'creditCode' });
    });

    it('when an officer registers one in another district, then FORBIDDEN', async () => {
      const { body } = await graph.query(
        REGISTER_ORG,
        { name: '洛江区某协会', kind: 'ASSOCIATION', creditCode: '91330100799655058B', regionCode: '350504' },
        officer,
      );
      expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', rule: 'officerOfRegion' });
    });

    it('when an organisation is deregistered, then it is kept with its end date, and again returns it as it is', async () => {
      const { body } = await graph.query(
        REGISTER_ORG,
        { name: '马尾区某社工站', kind: 'SOCIAL_WORK_AGENCY', creditCode: '91110108551385082Q', regionCode: MAWEI },
        officer,
      );
      const id = body.data.registerOrganization.id;
      const ended = await graph.query(DEREGISTER, { id, endedOn: '2026-11-30' }, officer);
      expect(ended.body.data.deregisterOrganization).toMatchObject({ id, endedOn: '2026-11-30' });
      const again = await graph.query(DEREGISTER, { id, endedOn: '2026-12-01' }, officer);
      expect(again.body.data.deregisterOrganization.endedOn).toBe('2026-11-30');
      const read = await graph.query(`query ($id: ID!) { organization(id: $id) { name endedOn } }`, { id });
      expect(read.body.data.organization).toEqual({ name: '马尾区某社工站', endedOn: '2026-11-30' });
    });
  });
});
