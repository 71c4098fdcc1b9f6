import { mergeQueries, SameTurnBatches } from '../src/fetchBatching';

const REGION = 'query Page__directory__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Region { name } } }';
const PEOPLE = 'query Page__directory__2($representations: [_Any!]!) { _entities(representations: $representations) { ...P } } fragment P on Person { name }';

describe('mergeQueries', () => {
  it('when two entity fetches are merged, then each keeps its own variables, fragments and answer', () => {
    const merged = mergeQueries([
      { query: REGION, variables: { representations: [{ __typename: 'Region', code: '35' }] } },
      { query: PEOPLE, variables: { representations: [{ __typename: 'Person', id: 'a' }] } },
    ])!;
    expect(merged.query).toContain('_0__entities: _entities(representations: $_0_representations)');
    expect(merged.query).toContain('_1__entities: _entities(representations: $_1_representations)');
    expect(merged.query).toContain('fragment _1_P on Person');
    expect(merged.variables).toEqual({
      _0_representations: [{ __typename: 'Region', code: '35' }],
      _1_representations: [{ __typename: 'Person', id: 'a' }],
    });
    const [region, people] = merged.split({
      data: { _0__entities: [{ name: '福建省' }], _1__entities: [null] },
      errors: [{ message: 'FORBIDDEN', path: ['_1__entities', 0] }, { message: 'no path' }],
    });
    expect(region).toEqual({ data: { _entities: [{ name: '福建省' }] }, errors: [{ message: 'no path' }] });
    expect(people).toEqual({ data: { _entities: [null] }, errors: [{ message: 'FORBIDDEN', path: ['_entities', 0] }, { message: 'no path' }] });
  });

  it('when the answer has no data (the subgraph refused the call), then every fetch gets the null and the errors', () => {
    const merged = mergeQueries([{ query: REGION }, { query: PEOPLE }])!;
    expect(merged.split({ data: null, errors: [{ message: 'down' }] })).toEqual([
      { data: null, errors: [{ message: 'down' }] },
      { data: null, errors: [{ message: 'down' }] },
    ]);
  });

  it('when a fetch is a mutation, then nothing is merged: its fields run one after another as planned', () => {
    expect(mergeQueries([{ query: REGION }, { query: 'mutation M { a b }' }])).toBeNull();
  });
});

describe('SameTurnBatches', () => {
  it('when items are added in one turn for one scope, then they run together; another scope or a later turn runs apart', async () => {
    const runs: string[][] = [];
    const batches = new SameTurnBatches<string, string>(async (items) => {
      runs.push(items);
      return items.map((i) => i.toUpperCase());
    });
    const scope = {};
    const together = await Promise.all([batches.add(scope, 'a'), batches.add(scope, 'b'), batches.add({}, 'c')]);
    expect(together).toEqual(['A', 'B', 'C']);
    await batches.add(scope, 'd');
    expect(runs).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('when a batch fails, then every item of it is refused with the error', async () => {
    const batches = new SameTurnBatches<string, string>(async () => {
      throw new Error('the directory service is unavailable');
    });
    const scope = {};
    const results = await Promise.allSettled([batches.add(scope, 'a'), batches.add(scope, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
