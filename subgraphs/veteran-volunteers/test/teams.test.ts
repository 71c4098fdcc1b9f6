import { randomUUID } from 'node:crypto';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aMember, aTeam, aVeteran, anonymous, codeOf, count, officer, volunteer } from './arrange';

const JOIN = `mutation ($t: ID!, $v: ID!) { joinVeteranTeam(teamId: $t, veteranId: $v) { joinedAt leftAt team { id } veteran { id } } }`;
const LEAVE = `mutation ($t: ID!, $v: ID!) { leaveVeteranTeam(teamId: $t, veteranId: $v) { leftAt } }`;
const TEAM = `query ($id: ID!) { veteranTeam(id: $id) { id name region { code } leader { id } members { id person { id } region { code } serviceYears partyMember skills teams { name } } } }`;

describe('veterans and teams', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  it('when a signed-in caller outside the community reads a team, then they see its members as Person references without service details', async () => {
    const leader = await aVeteran(graph.db);
    const team = await aTeam(graph.db, '闽江村红色义工队', '350105102227', leader.id);
    await aMember(graph.db, team.id, leader.id);
    const { body } = await graph.query(TEAM, { id: team.id }, volunteer('e0000000-0000-4000-8000-000000000001'));
    expect(body.errors).toBeUndefined();
    expect(body.data.veteranTeam).toMatchObject({ name: '闽江村红色义工队', region: { code: '350105102227' }, leader: { id: leader.id } });
    expect(body.data.veteranTeam.members).toEqual([
      {
        id: leader.id,
        person: { id: leader.personId },
        region: { code: '350105102227' },
        serviceYears: null,
        partyMember: null,
        skills: null,
        teams: [{ name: '闽江村红色义工队' }],
      },
    ]);
    const asOfficer = await graph.query(TEAM, { id: team.id }, officer('350105'));
    expect(asOfficer.body.data.veteranTeam.members[0]).toMatchObject({ serviceYears: 6, partyMember: true, skills: ['急救'] });
    const asSelf = await graph.query(TEAM, { id: team.id }, volunteer(leader.personId));
    expect(asSelf.body.data.veteranTeam.members[0].serviceYears).toBe(6);
  });

  it('when an anonymous caller reads a team, then its name and community are public but members and leader are UNAUTHENTICATED', async () => {
    const leader = await aVeteran(graph.db);
    const team = await aTeam(graph.db, '闽江村红色义工队', '350105102227', leader.id);
    await aMember(graph.db, team.id, leader.id);
    const open = await graph.query(`query ($id: ID!) { veteranTeam(id: $id) { name region { code } } }`, { id: team.id });
    expect(open.body).toEqual({ data: { veteranTeam: { name: '闽江村红色义工队', region: { code: '350105102227' } } } });
    const members = await graph.query(`query ($id: ID!) { veteranTeam(id: $id) { name members { person { id } } } }`, { id: team.id });
    expect(codeOf(members.body)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(members.body)).not.toContain(leader.personId);
    const led = await graph.query(`query ($id: ID!) { veteranTeam(id: $id) { name leader { person { id } } } }`, { id: team.id });
    expect(codeOf(led.body)).toBe('UNAUTHENTICATED');
    expect(led.body.data.veteranTeam).toEqual({ name: '闽江村红色义工队', leader: null });
  });

  it('when an anonymous caller asks for veterans, a veteran or a story narrator, then UNAUTHENTICATED and no person id', async () => {
    const v = await aVeteran(graph.db, '350105100204');
    await graph.db.query(
      `INSERT INTO veteran_volunteers.story (title, narrator, narrator_veteran_id, body, region_code, collected_on)
       VALUES ('海防岁月', '陈老', $1, '一九七九年入伍', '350105100204', '2021-05-01')`,
      [v.id],
    );
    const asked = [
      graph.query(`{ veterans(regionCode: "350105100204") { totalCount edges { node { person { id } region { code } } } } }`),
      graph.query(`query ($id: ID!) { veteran(id: $id) { person { id } } }`, { id: v.id }),
      graph.query(`{ veteranStories(regionCode: "350105100204") { edges { node { title narratorVeteran { person { id } } } } } }`),
    ];
    for (const { body } of await Promise.all(asked)) {
      expect(codeOf(body)).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toContain(v.personId);
    }
    const story = (await asked[2]).body.data.veteranStories.edges[0].node;
    expect(story).toEqual({ title: '海防岁月', narratorVeteran: null });
  });

  it('when a veteran joins, leaves and rejoins, then history keeps both memberships', async () => {
    const [v, team] = await Promise.all([aVeteran(graph.db), aTeam(graph.db)]);
    const joined = await graph.query(JOIN, { t: team.id, v: v.id }, officer('350105'));
    expect(joined.body.data.joinVeteranTeam).toMatchObject({ leftAt: null, team: { id: team.id }, veteran: { id: v.id } });
    const left = await graph.query(LEAVE, { t: team.id, v: v.id }, officer('350105102'));
    expect(left.body.data.leaveVeteranTeam.leftAt).toEqual(expect.any(String));
    await graph.query(JOIN, { t: team.id, v: v.id }, officer('350105'));
    const { body } = await graph.query(
      `query ($id: ID!) { veteran(id: $id) { teams { id } memberships { joinedAt leftAt } } }`,
      { id: v.id },
      officer('350105'),
    );
    expect(body.data.veteran.teams).toEqual([{ id: team.id }]);
    expect(body.data.veteran.memberships.map((m: any) => m.leftAt === null)).toEqual([false, true]);
  });

  it('when a veteran joins a team twice, then CONFLICT and still one membership', async () => {
    const [v, team] = await Promise.all([aVeteran(graph.db), aTeam(graph.db)]);
    await aMember(graph.db, team.id, v.id);
    const { body } = await graph.query(JOIN, { t: team.id, v: v.id }, officer('350105'));
    expect(codeOf(body)).toBe('CONFLICT');
    expect(await count(graph.db, 'team_membership', 'team_id = $1', [team.id])).toBe(1);
  });

  it('when the caller may not write, then UNAUTHENTICATED, FORBIDDEN or NOT_FOUND and nothing changes', async () => {
    const [v, team] = await Promise.all([aVeteran(graph.db), aTeam(graph.db)]);
    const refused = async (vars: Record<string, unknown>, identity: any) => codeOf((await graph.query(JOIN, vars, identity)).body);
    expect(await refused({ t: team.id, v: v.id }, anonymous)).toBe('UNAUTHENTICATED');
    expect(await refused({ t: team.id, v: v.id }, volunteer(v.personId))).toBe('FORBIDDEN');
    expect(await refused({ t: team.id, v: v.id }, officer('350504'))).toBe('FORBIDDEN');
    expect(await refused({ t: 'c0000000-0000-4000-8000-000000000000', v: v.id }, officer('350105'))).toBe('NOT_FOUND');
    expect(await refused({ t: team.id, v: 'c0000000-0000-4000-8000-000000000000' }, officer('350105'))).toBe('NOT_FOUND');
    expect(await refused({ t: 'not-an-id', v: v.id }, officer('350105'))).toBe('BAD_USER_INPUT');
    expect(codeOf((await graph.query(LEAVE, { t: team.id, v: v.id }, officer('350105'))).body)).toBe('NOT_FOUND');
    expect(await count(graph.db, 'team_membership', 'team_id = $1', [team.id])).toBe(0);
  });

  it('when teams and veterans are listed by region, then pages follow the contract', async () => {
    const region = '350105100203';
    for (const name of ['甲队', '乙队', '丙队']) await aTeam(graph.db, name, region);
    for (let i = 0; i < 3; i++) await aVeteran(graph.db, region);
    const page = `query ($after: String) { veteranTeams(regionCode: "${region}", first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`;
    const first = (await graph.query(page)).body.data.veteranTeams;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = (await graph.query(page, { after: first.pageInfo.endCursor })).body.data.veteranTeams;
    expect([...first.edges, ...second.edges].map((e: any) => e.node.name)).toEqual(['丙队', '乙队', '甲队'].sort());
    const vets = (await graph.query(`{ veterans(regionCode: "${region}") { totalCount edges { node { region { code } } } } }`, {}, volunteer(randomUUID())))
      .body.data.veterans;
    expect(vets.totalCount).toBe(3);
    expect(codeOf((await graph.query(`{ veterans(first: 101) { totalCount } }`, {}, officer('35'))).body)).toBe('BAD_USER_INPUT');
  });

  it('when the gateway resolves Veteran and VeteranTeam references, then teams are public, veterans need sign-in and details stay masked', async () => {
    const v = await aVeteran(graph.db);
    const team = await aTeam(graph.db);
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Veteran { id person { id } serviceYears } ... on VeteranTeam { name } } }`;
    const r = [
      { __typename: 'Veteran', id: v.id },
      { __typename: 'VeteranTeam', id: team.id },
      { __typename: 'VeteranTeam', id: 'nope' },
    ];
    const anon = await graph.query(ENTITIES, { r });
    expect(anon.body.data._entities).toEqual([null, { name: '红色义工队' }, null]);
    expect(codeOf(anon.body)).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anon.body)).not.toContain(v.personId);
    const signedIn = await graph.query(ENTITIES, { r }, volunteer(randomUUID()));
    expect(signedIn.body.data._entities).toEqual([{ id: v.id, person: { id: v.personId }, serviceYears: null }, { name: '红色义工队' }, null]);
  });
});
