import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aHall, anonymous, codeOf, count, officer } from './arrange';

const ADD = `mutation ($input: AddVeteranStoryInput!) { addVeteranStory(input: $input) { id title narrator text tags region { code } collectedOn } }`;
const SEARCH = `query ($s: String, $tag: String) { veteranStories(regionCode: "350105", search: $s, tag: $tag, first: 100) { totalCount edges { node { title } } } }`;
const VISIT = `mutation ($input: RecordHonourHallVisitInput!) { recordHonourHallVisit(input: $input) { visitedOn kind visitorGroup visitors hall { lectures events visitors } } }`;

describe('stories archive and honour hall', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
    const add = (title: string, text: string, tags: string[]) =>
      graph.query(ADD, { input: { title, narrator: '陈依伯', text, tags, regionCode: '350105101210', collectedOn: '2020-08-01' } }, officer('350105'));
    const first = await add('海防岁月', '一九七九年入伍，在闽江口海防哨所守了八年。退伍后他成了村里的兵支书。', ['海防']);
    expect(first.body.data.addVeteranStory).toMatchObject({ narrator: '陈依伯', region: { code: '350105101210' }, collectedOn: '2020-08-01', tags: ['海防'] });
    await add('村口的四十天', '二〇二〇年春节，老兵们在村口测温点抗疫值守四十多天。', ['抗疫']);
    await add('Patrol notes', '社区巡逻队每晚巡逻，守护平安。', ['巡逻']);
  });
  afterAll(() => graph.stop());

  const titles = async (vars: Record<string, unknown>) => {
    const { body } = await graph.query(SEARCH, vars);
    expect(body.errors).toBeUndefined();
    return body.data.veteranStories.edges.map((e: any) => e.node.title).sort();
  };

  it('when a two-character word from inside a story is searched, then that story is found', async () => {
    expect(await titles({ s: '抗疫' })).toEqual(['村口的四十天']);
    expect(await titles({ s: '老兵' })).toEqual(['村口的四十天']);
    expect(await titles({ s: '哨所' })).toEqual(['海防岁月']);
  });

  it('when longer words, several words, single characters or the title are searched, then exactly the matches are found', async () => {
    expect(await titles({ s: '兵支书' })).toEqual(['海防岁月']);
    expect(await titles({ s: '测温点 四十' })).toEqual(['村口的四十天']);
    expect(await titles({ s: '巡' })).toEqual(['Patrol notes']);
    expect(await titles({ s: 'patrol' })).toEqual(['Patrol notes']);
    expect(await titles({ s: '陈依伯' })).toHaveLength(3);
    // Characters of a word that are not adjacent do not match it.
    expect(await titles({ s: '老疫' })).toEqual([]);
    expect(await titles({ s: '海防 抗疫' })).toEqual([]);
    expect(await titles({ tag: '海防' })).toEqual(['海防岁月']);
  });

  it('when a two-character word is searched, then the bigram GIN index can serve it', async () => {
    const plan = await graph.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query(`EXPLAIN SELECT id FROM veteran_volunteers.story s WHERE s.search @@ veteran_volunteers.cjk_tsquery('抗疫')`);
    });
    expect(plan.map((row: any) => row['QUERY PLAN']).join('\n')).toContain('story_search_idx');
  });

  it('when a search has no letters, then BAD_USER_INPUT', async () => {
    const { body } = await graph.query(SEARCH, { s: '，。' });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });

  it('when a story is added by someone who may not, then it is refused and not stored', async () => {
    const input = { title: '不该存', narrator: '某', text: '内容', regionCode: '350105101210' };
    expect(codeOf((await graph.query(ADD, { input })).body)).toBe('UNAUTHENTICATED');
    expect(codeOf((await graph.query(ADD, { input }, officer('350504'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(ADD, { input: { ...input, regionCode: '350105' } }, officer('350105'))).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await graph.query(ADD, { input: { ...input, narratorVeteranId: 'c0000000-0000-4000-8000-000000000000' } }, officer('350105'))).body)).toBe(
      'NOT_FOUND',
    );
    expect(await count(graph.db, 'story', `title = '不该存'`)).toBe(0);
  });

  it('when visits are recorded, then the hall adds up lectures, events and visitors, in public', async () => {
    const hall = await aHall(graph.db);
    const visit = (extra: object, identity = officer('350105101')) =>
      graph.query(
        VISIT,
        {
          input: { hallId: hall.id, visitedOn: '2020-09-01', kind: 'LECTURE', visitorGroup: 'STUDENTS_TEACHERS', title: '老兵讲党史', visitors: 40, ...extra },
        },
        identity,
      );
    expect((await visit({})).body.data.recordHonourHallVisit).toMatchObject({ kind: 'LECTURE', visitors: 40, hall: { lectures: 1, events: 1, visitors: 40 } });
    await visit({ kind: 'GROUP_VISIT', visitorGroup: 'OVERSEAS_CHINESE', title: null, visitors: 12, visitedOn: '2020-10-01' });
    const { body } = await graph.query(
      `{ honourHalls(regionCode: "350105") { name openedOn lectures events visitors visits(first: 1) { totalCount edges { node { visitedOn } } } } }`,
      {},
      anonymous,
    );
    expect(body.data.honourHalls.find((h: any) => h.visitors === 52)).toMatchObject({
      openedOn: '2020-07-01',
      lectures: 1,
      events: 1,
      visits: { totalCount: 2, edges: [{ node: { visitedOn: '2020-10-01' } }] },
    });
    expect(codeOf((await visit({ visitedOn: '2020-06-30' })).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await visit({ visitors: 0 })).body)).toBe('BAD_USER_INPUT');
    expect(codeOf((await visit({ hallId: 'c0000000-0000-4000-8000-000000000000' })).body)).toBe('NOT_FOUND');
    expect(codeOf((await visit({}, officer('350105001'))).body)).toBe('FORBIDDEN');
    expect(await count(graph.db, 'honour_hall_visit', 'hall_id = $1', [hall.id])).toBe(2);
  });
});
