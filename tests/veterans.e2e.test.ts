import { signToken } from '@civic/gateway/src/tokens';
import { idNumberCipher } from '@civic/directory/src/domain/idNumberCipher';
import { directoryConfig } from '@civic/directory/src/config';
import { startTestGraph, TestGraph } from './harness';

const cipher = idNumberCipher(directoryConfig().dataKey);
const TEAM = `query ($id: ID!) { veteranTeam(id: $id) {
  name region { name } leader { id }
  members { person { name } region { name } serviceYears teams { name } }
} }`;
const JOIN = `mutation ($t: ID!, $v: ID!) { joinVeteranTeam(teamId: $t, veteranId: $v) { leftAt veteran { id } } }`;
const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

describe('veteran volunteers through the gateway', () => {
  let graph: TestGraph;
  let personId: string;
  let veteranId: string;
  let teamId: string;
  const sign = (roles: any[], region?: string, sub = 'e0000000-0000-4000-8000-000000000002') => signToken({ sub, roles, region }, graph.jwtSecret);

  beforeAll(async () => {
    graph = await startTestGraph();
    [{ id: personId }] = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, phone, id_number_sealed, id_number_digest, region_code)
       VALUES ('林国强', 'MALE', '1962-08-01', '13900002222', $1, $2, '350105102227') RETURNING id`,
      [cipher.encrypt('350105196208010031'), cipher.digest('350105196208010031')],
    );
    const vv = graph.db('veteran-volunteers');
    [{ id: veteranId }] = await vv.query(
      `INSERT INTO veteran_volunteers.veteran (person_id, region_code, service_years, discharge_year, party_member)
       VALUES ($1, '350105102227', 8, 1988, true) RETURNING id`,
      [personId],
    );
    [{ id: teamId }] = await vv.query(
      `INSERT INTO veteran_volunteers.veteran_team (name, region_code, leader_id) VALUES ('闽江村红色义工队', '350105102227', $1) RETURNING id`,
      [veteranId],
    );
    await vv.query(`INSERT INTO veteran_volunteers.team_membership (team_id, veteran_id) VALUES ($1, $2)`, [teamId, veteranId]);
  });
  afterAll(() => graph.stop());

  it("when an officer asks for a team, then members' names and places come from the directory in the same query", async () => {
    const { body } = await graph.query(TEAM, { id: teamId }, await graph.token(['DISTRICT_OFFICER'], '350105'));
    expect(body.errors).toBeUndefined();
    expect(body.data.veteranTeam).toEqual({
      name: '闽江村红色义工队',
      region: { name: '闽江村委会' },
      leader: { id: veteranId },
      members: [{ person: { name: '林国强' }, region: { name: '闽江村委会' }, serviceYears: 8, teams: [{ name: '闽江村红色义工队' }] }],
    });
  });

  it('when an anonymous caller asks for the same team, then its name and community are public but its members need sign-in', async () => {
    const { body } = await graph.query(`query ($id: ID!) { veteranTeam(id: $id) { name region { name } } }`, { id: teamId });
    expect(body).toEqual({ data: { veteranTeam: { name: '闽江村红色义工队', region: { name: '闽江村委会' } } } });
    for (const query of [TEAM, `query ($id: ID!) { veteranTeam(id: $id) { members { person { id } region { code } } } }`]) {
      const members = await graph.query(query, { id: teamId });
      expect(codeOf(members.body)).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(members.body)).not.toContain(personId);
    }
  });

  it('when an anonymous caller lists veterans or asks for one, then UNAUTHENTICATED and no person id; a signed-in caller outside the region sees references without details', async () => {
    const LIST = `{ veterans(regionCode: "350105") { totalCount edges { node { id person { id } region { code } serviceYears } } } }`;
    const ONE = `query ($id: ID!) { veteran(id: $id) { person { id } region { code } } }`;
    for (const { body } of [await graph.query(LIST), await graph.query(ONE, { id: veteranId })]) {
      expect(codeOf(body)).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toContain(personId);
    }
    const { body } = await graph.query(LIST, {}, await sign(['VOLUNTEER'], '350504'));
    expect(body.errors).toBeUndefined();
    expect(body.data.veterans.edges).toContainEqual({
      node: { id: veteranId, person: { id: personId }, region: { code: '350105102227' }, serviceYears: null },
    });
  });

  it("when an anonymous caller (the district dashboard) asks for veteran figures, then they are public, small counts of people withheld and the teams' and activities' shown; the district officer gets them exact", async () => {
    const FIGURES = `{ region(code: "350105") { name veterans { veterans teams activities partyMembers suppressed } } }`;
    const { body } = await graph.query(FIGURES);
    expect(body.data.region).toEqual({
      name: '马尾区',
      veterans: {
        veterans: null,
        // teams and activities are listed publicly (veteranTeams, veteranActivities): their counts protect nobody
        teams: 1,
        activities: 0,
        partyMembers: null,
        suppressed: expect.arrayContaining(['veterans', 'partyMembers']),
      },
    });
    expect(body.data.region.veterans.suppressed).not.toContain('teams');
    const exact = await graph.query(FIGURES, {}, await graph.token(['DISTRICT_OFFICER'], '350105'));
    expect(exact.body.data.region).toEqual({ name: '马尾区', veterans: { veterans: 1, teams: 1, activities: 0, partyMembers: 1, suppressed: [] } });
  });

  it('when veterans join teams through the gateway, then twice is CONFLICT and each refusal has its code', async () => {
    const [{ id: team2 }] = await graph
      .db('veteran-volunteers')
      .query(`INSERT INTO veteran_volunteers.veteran_team (name, region_code) VALUES ('新港社区巡逻队', '350105001004') RETURNING id`);
    const vars = { t: team2, v: veteranId };
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    expect((await graph.query(JOIN, vars, officer)).body.data.joinVeteranTeam).toEqual({ leftAt: null, veteran: { id: veteranId } });
    expect(codeOf((await graph.query(JOIN, vars, officer)).body)).toBe('CONFLICT');
    expect(codeOf((await graph.query(JOIN, vars)).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(JOIN, vars, await sign(['VOLUNTEER'], '350105'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(JOIN, vars, await graph.token(['DISTRICT_OFFICER'], '350504'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(JOIN, { ...vars, t: 'c0000000-0000-4000-8000-000000000000' }, officer)).body)).toBe('NOT_FOUND');
  });

  it('when a veteran signs in as a volunteer, then they see their own shifts and nobody else may', async () => {
    const vv = graph.db('veteran-volunteers');
    const [{ id: checkpointId }] = await vv.query(
      `INSERT INTO veteran_volunteers.checkpoint (name, region_code) VALUES ('闽江村主干道测温点', '350105102227') RETURNING id`,
    );
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const SCHEDULE = `mutation ($c: ID!, $v: ID!, $s: DateTime!, $e: DateTime!) { scheduleCheckpointShift(checkpointId: $c, veteranId: $v, startsAt: $s, endsAt: $e) { id } }`;
    const shift = { c: checkpointId, v: veteranId, s: '2020-02-01T07:00:00+08:00', e: '2020-02-01T12:00:00+08:00' };
    expect((await graph.query(SCHEDULE, shift, officer)).body.errors).toBeUndefined();
    expect(codeOf((await graph.query(SCHEDULE, { ...shift, s: '2020-02-01T11:00:00+08:00', e: '2020-02-01T13:00:00+08:00' }, officer)).body)).toBe('CONFLICT');
    const MINE = `{ myCheckpointShifts(from: "2020-02-01", to: "2020-02-01") { startsAt checkpoint { name } } }`;
    const mine = await graph.query(MINE, {}, await sign(['VOLUNTEER'], undefined, personId));
    expect(mine.body.data.myCheckpointShifts).toEqual([{ startsAt: '2020-01-31T23:00:00.000Z', checkpoint: { name: '闽江村主干道测温点' } }]);
    const THEIRS = `query ($id: ID!) { veteran(id: $id) { shifts(from: "2020-02-01", to: "2020-02-01") { id } } }`;
    expect(codeOf((await graph.query(THEIRS, { id: veteranId }, await sign(['VOLUNTEER']))).body)).toBe('FORBIDDEN');
  });

  it("when an officer reads a veteran's service details through the gateway, then a city administrator finds the read in the veteran data access log", async () => {
    const officer = await sign(['DISTRICT_OFFICER'], '350105', 'e0000000-0000-4000-8000-0000000000a1');
    const read = await graph.query(`query VeteranCard($id: ID!) { veteran(id: $id) { serviceYears partyMember person { name } } }`, { id: veteranId }, officer);
    expect(read.body.data.veteran).toEqual({ serviceYears: 8, partyMember: true, person: { name: '林国强' } });
    const LOG = `query ($id: ID) { veteranDataAccessLog(veteranId: $id, first: 5) { totalCount edges { node { actor actorRoles fields operation veteran { id } } } } }`;
    const { body } = await graph.query(LOG, { id: veteranId }, await graph.token(['CITY_ADMIN'], '35'));
    expect(body.errors).toBeUndefined();
    // The client's own operation name, signed by the gateway (not its VeteranCard__veteran_volunteers__0).
    const mine = body.data.veteranDataAccessLog.edges.map((e: any) => e.node).filter((n: any) => n.operation === 'VeteranCard');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actor: 'e0000000-0000-4000-8000-0000000000a1', actorRoles: ['DISTRICT_OFFICER'], veteran: { id: veteranId } });
    expect([...mine[0].fields].sort()).toEqual(['partyMember', 'serviceYears']);
    expect(codeOf((await graph.query(LOG, { id: veteranId }, officer)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(LOG, { id: veteranId })).body)).toBe('UNAUTHENTICATED');
  });

  it('when an officer adds a story, then anyone finds it by a two-character word inside it', async () => {
    const ADD = `mutation ($input: AddVeteranStoryInput!) { addVeteranStory(input: $input) { id } }`;
    const input = {
      title: '村口的四十天',
      narrator: '林依伯',
      text: '二〇二〇年春节，闽江村的老兵们在村口抗疫值守。',
      tags: ['抗疫'],
      regionCode: '350105102227',
    };
    expect(codeOf((await graph.query(ADD, { input })).body)).toBe('UNAUTHENTICATED');
    await graph.query(ADD, { input }, await graph.token(['DISTRICT_OFFICER'], '350105'));
    const { body } = await graph.query(`{ veteranStories(search: "抗疫") { totalCount edges { node { title region { name } } } } }`);
    expect(body.data.veteranStories).toEqual({ totalCount: 1, edges: [{ node: { title: '村口的四十天', region: { name: '闽江村委会' } } }] });
  });
});
