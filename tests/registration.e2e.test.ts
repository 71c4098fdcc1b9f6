import { startTestGraph, TestGraph } from './harness';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
const MINJIANG = '350105102227'; // 马尾区亭江镇闽江村

const REGISTER_ELDER = `mutation ($input: RegisterElderInput!, $key: String) {
  registerElder(input: $input, idempotencyKey: $key) { id riskLevel conditions carers { person { id name } relationship } enrolmentEndedAt } }`;
const PLACE = `mutation ($e: ID!) { requestService(elderId: $e, category: MEAL, mode: VOLUNTEER_CLAIM) { id history { actingAs onBehalfOfElder actor { id } } } }`;
const CONDITIONS = `mutation ($e: ID!) { updateElderConditions(elderId: $e, conditions: [DISABLED, LIVING_ALONE]) { riskLevel conditions } }`;
const END = `mutation ($e: ID!) { endElderEnrolment(elderId: $e, reason: "迁居外地") { enrolmentEndedAt } }`;
const REGISTER_VETERAN = `mutation ($input: RegisterVeteranInput!) {
  registerVeteran(input: $input) { id enlistmentYear dischargeYear serviceYears person { id name } } }`;
const JOIN = `mutation ($t: ID!, $v: ID!) { joinVeteranTeam(teamId: $t, veteranId: $v) { leftAt team { id } veteran { id } } }`;

/**
 * Issue 14.1 through the gateway alone: a district officer registers an elder
 * without a phone with a carer, the carer places a request for them, the officer
 * updates the conditions and ends the enrolment; then registers a veteran and
 * joins them to a team. The people are arranged in the directory's table (the
 * directory's own registration is another piece of the issue).
 */
describe('registering elders and veterans through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  const aPerson = async (name: string, gender: 'FEMALE' | 'MALE', birthDate: string, region = XINGANG, phone: string | null = null) =>
    (
      await graph
        .db('directory')
        .query(`INSERT INTO directory.person (name, gender, birth_date, phone, region_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          name,
          gender,
          birthDate,
          phone,
          region,
        ])
    )[0].id as string;
  const ok = (body: any) => {
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  it('when an officer registers an elder with a carer, then the carer acts for them until the enrolment ends', async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const elder = await aPerson('林秀英', 'FEMALE', '1938-04-12'); // no phone
    const daughter = await aPerson('陈美华', 'FEMALE', '1966-09-30', XINGANG, '13905912345');
    const input = {
      personId: elder,
      communityCode: XINGANG,
      conditions: ['ADVANCED_AGE'],
      careNeeds: ['MEAL'],
      carers: [{ personId: daughter, relationship: '女儿' }],
    };

    const registered = ok((await graph.query(REGISTER_ELDER, { input, key: 'e2e-elder' }, officer)).body).registerElder;
    expect(registered).toMatchObject({
      riskLevel: 'MEDIUM',
      carers: [{ person: { id: daughter, name: '陈美华' }, relationship: '女儿' }],
      enrolmentEndedAt: null,
    });
    const retried = ok((await graph.query(REGISTER_ELDER, { input, key: 'e2e-elder' }, officer)).body).registerElder;
    expect(retried.id).toBe(registered.id);

    const carer = await graph.token(['VOLUNTEER'], XINGANG, daughter);
    const placed = ok((await graph.query(PLACE, { e: registered.id }, carer)).body).requestService;
    expect(placed.history).toEqual([{ actingAs: 'FAMILY_MEMBER', onBehalfOfElder: true, actor: { id: daughter } }]);

    expect(ok((await graph.query(CONDITIONS, { e: registered.id }, officer)).body).updateElderConditions).toEqual({
      riskLevel: 'HIGH',
      conditions: ['DISABLED', 'LIVING_ALONE'],
    });
    expect(ok((await graph.query(END, { e: registered.id }, officer)).body).endElderEnrolment.enrolmentEndedAt).toEqual(expect.any(String));
    const refused = (await graph.query(PLACE, { e: registered.id }, carer)).body;
    expect(refused.errors[0].extensions.code).toBe('CONFLICT');

    const again = (await graph.query(REGISTER_ELDER, { input }, await graph.token(['CITY_ADMIN'], '35'))).body;
    expect(again.errors[0].extensions).toMatchObject({ code: 'CONFLICT', existingId: registered.id });
  });

  it('when an officer registers a veteran, then the veteran joins a team; an impossible enlistment age is refused', async () => {
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const veteranPerson = await aPerson('郑建国', 'MALE', '1960-07-01', MINJIANG, '13705918888');
    const tooYoung = (
      await graph.query(REGISTER_VETERAN, { input: { personId: veteranPerson, communityCode: MINJIANG, enlistmentYear: 1975, dischargeYear: 1980 } }, officer)
    ).body;
    expect(tooYoung.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.enlistmentYear' });

    const input = { personId: veteranPerson, communityCode: MINJIANG, enlistmentYear: 1978, dischargeYear: 1983, skills: ['驾驶'] };
    const veteran = ok((await graph.query(REGISTER_VETERAN, { input }, officer)).body).registerVeteran;
    expect(veteran).toMatchObject({ enlistmentYear: 1978, dischargeYear: 1983, serviceYears: 5, person: { id: veteranPerson, name: '郑建国' } });

    const [team] = await graph
      .db('veteran-volunteers')
      .query(`INSERT INTO veteran_volunteers.veteran_team (name, region_code, founded_on) VALUES ('闽江村老兵志愿服务队', $1, '2019-12-01') RETURNING id`, [
        MINJIANG,
      ]);
    const joined = ok((await graph.query(JOIN, { t: team.id, v: veteran.id }, officer)).body).joinVeteranTeam;
    expect(joined).toEqual({ leftAt: null, team: { id: team.id }, veteran: { id: veteran.id } });
  });
});
