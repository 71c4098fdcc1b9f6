import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aTeam, aVeteran, officer } from './arrange';

const REGION = '350105102227';
const page = (field: string) => `query ($after: String) { ${field}(regionCode: "${REGION}", first: 1, after: $after) { totalCount pageInfo { endCursor } } }`;

describe('cursors name their list (issue 13.9)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(veteranVolunteers);
  });
  afterAll(() => graph.stop());

  it('when a veteranTeams cursor is sent to veterans and a veterans cursor to veteranTeams, then BAD_USER_INPUT naming `after`', async () => {
    await aTeam(graph.db, '红色义工队', REGION);
    await aVeteran(graph.db, REGION);
    const caller = officer('350105');
    const teams = (await graph.query(page('veteranTeams'), {}, caller)).body.data.veteranTeams.pageInfo.endCursor;
    const veterans = (await graph.query(page('veterans'), {}, caller)).body.data.veterans.pageInfo.endCursor;
    for (const [field, cursor] of [
      ['veterans', teams],
      ['veteranTeams', veterans],
    ]) {
      const { body } = await graph.query(page(field), { after: cursor }, caller);
      expect({ field, extensions: body.errors?.[0]?.extensions }).toEqual({ field, extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    }
    // Each cursor still pages its own list.
    expect((await graph.query(page('veteranTeams'), { after: teams }, caller)).body.errors).toBeUndefined();
    expect((await graph.query(page('veterans'), { after: veterans }, caller)).body.errors).toBeUndefined();
  });
});
