import { randomUUID } from 'node:crypto';
import type { Identity } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { anonymous, codeOf, count, officer } from './arrange';

const ADD = `mutation ($input: AddVeteranStoryInput!, $key: String) { addVeteranStory(input: $input, idempotencyKey: $key) { id title } }`;
const story = (title: string) => ({ title, narrator: '林伯', text: '守岛十年。', regionCode: '350105101211' });

describe('veteran writes through the write path', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());
  const stories = () => count(graph.db, 'story', 'region_code = $1', ['350105101211']);

  it('when a story is added again with its key, then the first story comes back; with another title, CONFLICT', async () => {
    const me = officer('350105');
    const first = await graph.query(ADD, { input: story('守岛'), key: 'story-1' }, me);
    const again = await graph.query(ADD, { input: story('守岛'), key: 'story-1' }, me);
    expect(again.body.data.addVeteranStory).toEqual(first.body.data.addVeteranStory);
    expect(codeOf((await graph.query(ADD, { input: story('守岛二'), key: 'story-1' }, me)).body)).toBe('CONFLICT');
    expect(await stories()).toBe(1);
  });

  it.each([
    ['anonymous', anonymous, 'UNAUTHENTICATED'],
    ['an analyst', { sub: randomUUID(), roles: ['ANALYST'], region: '35' }, 'FORBIDDEN'],
    ['a partner', { sub: randomUUID(), roles: ['PARTNER'], region: '35', partner: 'elder-canteens' }, 'FORBIDDEN'],
    ['an officer of another district', officer('350504'), 'FORBIDDEN'],
  ] as [string, Identity, string][])('when %s adds a story, then it is refused as declared', async (_who, identity, code) => {
    const before = await stories();
    expect(codeOf((await graph.query(ADD, { input: story('拒绝') }, identity)).body)).toBe(code);
    expect(await stories()).toBe(before);
  });
});
