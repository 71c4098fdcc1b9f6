import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { anElder, cityAdmin, XINGANG } from './arrange';

const ELDERS = `{ elders(regionCode: "${XINGANG}", first: 1) { pageInfo { endCursor } } }`;
const REQUESTS = `query ($after: String) { serviceRequests(first: 1, after: $after) { totalCount } }`;
const TEAMS = `query ($after: String) { serviceTeams(first: 1, after: $after) { totalCount } }`;

describe('cursors name their list (issue 13.9)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  it('when an elders cursor is sent to serviceRequests or serviceTeams, then BAD_USER_INPUT naming `after`, not an internal error', async () => {
    await anElder(graph.db);
    const admin = cityAdmin();
    const cursor = (await graph.query(ELDERS, {}, admin)).body.data.elders.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    for (const other of [REQUESTS, TEAMS]) {
      const { body } = await graph.query(other, { after: cursor }, admin);
      expect(body.data?.serviceRequests ?? body.data?.serviceTeams ?? null).toBeNull();
      expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
    // The same cursor pages its own list.
    const own = await graph.query(
      `query ($after: String) { elders(regionCode: "${XINGANG}", first: 1, after: $after) { totalCount } }`,
      { after: cursor },
      admin,
    );
    expect(own.body.errors).toBeUndefined();
  });
});
