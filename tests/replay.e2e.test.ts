import { signRequest, startSubgraph, StartedSubgraph, subgraphSecret } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

const XINGANG = '350105001004'; // 马尾区罗星街道新港社区
const PLACE = `mutation ($e: ID!) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM) { id status } }`;
const PERSON = `query ($id: ID!) { person(id: $id) { name phone } }`;

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Signed calls cannot be replayed (issue 13.7). The gateway's own calls to the
 * subgraphs are captured on the way (the gateway calls undici's request, gateway/src/subgraphClient.ts), exactly
 * as they left it, and sent again.
 */
describe('a captured signed call, sent again', () => {
  let graph: TestGraph;
  let elder: { id: string; personId: string };
  const realFetch = globalThis.fetch;
  let captured: Captured[] = [];
  const urlOf = (name: string) => graph.subgraphs.find((s) => s.module.name === name)!.service.url;
  const capturedFor = (name: string) => captured.filter((c) => c.url === urlOf(name));
  const replay = async (call: Captured, url = call.url) => {
    const response = await realFetch(url, { method: 'POST', headers: call.headers, body: call.body });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    graph = await startTestGraph();
    const [old] = await graph
      .db('directory')
      .query(
        `INSERT INTO directory.person (name, gender, birth_date, phone, region_code) VALUES ('陈阿婆', 'FEMALE', '1936-02-01', '13800001234', $1) RETURNING id`,
        [XINGANG],
      );
    const [row] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code, conditions) VALUES ($1, $2, '{ADVANCED_AGE,LIVING_ALONE}') RETURNING id`, [
        old.id,
        XINGANG,
      ]);
    elder = { id: row.id, personId: old.id };
    // The module object itself (an ES import would give a copy of its exports): the gateway's calls read `request` from it.

    const undici = require('undici') as typeof import('undici');
    const realRequest = undici.request;
    jest.spyOn(undici, 'request').mockImplementation(((url: string, options: { headers?: Record<string, string>; body?: unknown }) => {
      if (graph.subgraphs.some((s) => s.service.url === url)) {
        captured.push({ url, headers: { ...options.headers }, body: typeof options.body === 'string' ? options.body : '' });
      }
      return realRequest(url, options as never);
    }) as never);
  });
  afterEach(() => {
    captured = [];
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await graph.stop();
  });

  it('when the gateway→elder-care requestService call is sent again, to the same subgraph or another replica of it, then UNAUTHENTICATED and no second request', async () => {
    const requests = async () =>
      (await graph.db('elder-care').query(`SELECT count(*)::int AS n FROM elder_care.service_request WHERE elder_id = $1`, [elder.id]))[0].n;
    const placed = await graph.query(PLACE, { e: elder.id }, await graph.token(['VOLUNTEER'], XINGANG, elder.personId));
    expect(placed.body.errors).toBeUndefined();
    expect(await requests()).toBe(1);
    const [call] = capturedFor('elder-care').filter((c) => c.body.includes('requestService'));
    expect(call.headers['x-civic-request-id']).toEqual(expect.any(String));

    const again = await replay(call);
    expect({ status: again.status, data: again.body.data, code: again.body.errors?.[0]?.extensions?.code }).toEqual({
      status: 401,
      data: undefined,
      code: 'UNAUTHENTICATED',
    });
    // A second replica of elder-care over the same database refuses it too: the ids are kept in PostgreSQL, not in one process.
    let replica: StartedSubgraph | undefined;
    try {
      replica = await startSubgraph(graph.subgraphs.find((s) => s.module.name === 'elder-care')!.module, {
        database: graph.subgraphDatabase('elder-care'),
        port: 0,
        secret: subgraphSecret(graph.internalSecret, 'elder-care'),
        poolSize: 1,
        gatewayUrl: graph.url,
      });
      expect((await replay(call, replica.service.url)).status).toBe(401);
    } finally {
      await replica?.stop();
    }
    expect(await requests()).toBe(1);
  });

  it("when the gateway→directory call that read a person's phone whole is sent again, then UNAUTHENTICATED, no phone, and the access logged once", async () => {
    const logged = async () =>
      (await graph.db('directory').query(`SELECT count(*)::int AS n FROM directory.personal_data_access WHERE person_id = $1`, [elder.personId]))[0].n;
    const read = await graph.query(PERSON, { id: elder.personId }, await graph.token(['CITY_ADMIN'], '35'));
    expect(read.body.data.person).toEqual({ name: '陈阿婆', phone: '13800001234' });
    expect(await logged()).toBe(1);
    const [call] = capturedFor('directory');
    const again = await replay(call);
    expect(again.status).toBe(401);
    expect(JSON.stringify(again.body)).not.toContain('13800001234');
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await logged()).toBe(1);
  });

  it('when a fresh call is signed for the same body and identity, then it is served: only the used id was refused', async () => {
    await graph.query(PERSON, { id: elder.personId }, await graph.token(['CITY_ADMIN'], '35'));
    const [call] = capturedFor('directory');
    const identity = JSON.parse(Buffer.from(call.headers['x-civic-identity'], 'base64url').toString('utf8'));
    const fresh = signRequest(subgraphSecret(graph.internalSecret, 'directory'), identity, call.body);
    // The client request's trace is signed too: re-signed without it, the call goes without it.
    const { 'x-civic-trace': _trace, ...headers } = call.headers;
    expect((await replay({ ...call, headers: { ...headers, ...fresh } })).status).toBe(200);
  });

  it('when a subgraph answers a signed call, then it spends nothing on an ETag the gateway never revalidates (issue 15.3)', async () => {
    await graph.query(PERSON, { id: elder.personId }, await graph.token(['CITY_ADMIN'], '35'));
    const [call] = capturedFor('directory');
    const identity = JSON.parse(Buffer.from(call.headers['x-civic-identity'], 'base64url').toString('utf8'));
    const { 'x-civic-trace': _trace, ...headers } = call.headers;
    const fresh = signRequest(subgraphSecret(graph.internalSecret, 'directory'), identity, call.body);
    const response = await realFetch(call.url, { method: 'POST', headers: { ...headers, ...fresh }, body: call.body });
    expect({ status: response.status, etag: response.headers.get('etag') }).toEqual({ status: 200, etag: null });
  });

  it('when an unsigned body that is not JSON is posted to a subgraph, then it is refused as unsigned (401) before any parse', async () => {
    const response = await realFetch(urlOf('elder-care'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }", ' + 'x'.repeat(10_000),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
