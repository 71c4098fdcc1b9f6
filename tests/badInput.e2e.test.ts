import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { ANONYMOUS, signRequest, subgraphSecret } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

/**
 * Every bad input gets a coded answer (issue 12, point 4): bad scalars, control
 * characters, unresolvable operations, bogus persisted queries and bodies the
 * gateway cannot read are answered as JSON GraphQL errors with a code, never with
 * HTML, a stack trace, SERVICE_UNAVAILABLE or HTTP 5xx.
 */
describe('bad input at the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  const STATION = 'a0000000-0000-4000-8000-000000000001';
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(graph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  /** The answer as a caller sees it: status, content type and parsed JSON (or the raw text when it is not JSON). */
  const answer = async (response: Response) => {
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, type: response.headers.get('content-type') ?? '', body, text };
  };
  /** Nothing a prober could use: no HTML, no stack, no file path. */
  const leaksNothing = (text: string) => expect(text).not.toMatch(/<html|<pre|\bat .+\(|\/work\/|node_modules|\.ts:\d+/i);

  describe('scalar values', () => {
    const DUTY_SLOTS = `query ($from: Date!, $to: Date!) { dutySlots(stationId: "${STATION}", from: $from, to: $to) { id } }`;

    it('when a Date variable names a day that does not exist, then BAD_USER_INPUT names the argument, not SERVICE_UNAVAILABLE', async () => {
      const { status, body } = await graph.query(DUTY_SLOTS, { from: '2026-02-30', to: '2026-03-02' });
      // Refused before it runs, as graphql-js refuses a variable of the wrong type.
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
      expect(body.data ?? null).toBeNull();
    });

    it('when a Date literal is not a date, then BAD_USER_INPUT names the argument', async () => {
      const { body } = await graph.query(`{ dutySlots(stationId: "${STATION}", from: "2026-01-01", to: "next week") { id } }`);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    });

    it('when a DateTime inside a mutation is malformed, then BAD_USER_INPUT names the argument', async () => {
      const admin = await graph.token(['CITY_ADMIN'], '35');
      const { body } = await graph.query(
        `mutation ($s: DateTime!, $e: DateTime!) { scheduleCheckpointShift(checkpointId: "${STATION}", veteranId: "${STATION}", startsAt: $s, endsAt: $e) { id } }`,
        { s: '2026-12-01T25:00:00Z', e: '2026-12-01T12:00:00Z' },
        admin,
      );
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'startsAt' });
    });

    it('when a Date sits in an input object, then the argument is named by its path', async () => {
      const admin = await graph.token(['CITY_ADMIN'], '35');
      const { body } = await graph.query(
        `mutation ($input: RecordHonourHallVisitInput!) { recordHonourHallVisit(input: $input) { id } }`,
        { input: { hallId: STATION, kind: 'CEREMONY', visitedOn: '2026-13-01', visitorGroup: 'OVERSEAS_CHINESE', visitors: 3 } },
        admin,
      );
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.visitedOn' });
    });

    it('when a variable of a built-in scalar or an enum does not fit, then BAD_USER_INPUT names the argument, not only the variable', async () => {
      const query = `query ($n: Int, $kind: OrganizationKind) { organizations(first: $n, kind: $kind) { totalCount } }`;
      for (const [variables, argument] of [
        [{ n: 2 ** 31 }, 'first'],
        [{ n: '3' }, 'first'],
        [{ kind: 'NOT_A_KIND' }, 'kind'],
      ] as const) {
        const { status, body } = await graph.query(query, variables);
        expect({ variables, status, extensions: body.errors[0].extensions }).toEqual({
          variables,
          status: 400,
          extensions: { code: 'BAD_USER_INPUT', argument },
        });
      }
    });

    it('when a Date is valid, then the query runs', async () => {
      const { body } = await graph.query(DUTY_SLOTS, { from: '2026-02-28', to: '2026-03-02' });
      expect(body.errors ?? []).not.toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    });
  });

  describe('control characters', () => {
    const STORIES = `query ($search: String) { veteranStories(search: $search, first: 3) { totalCount } }`;

    it('when a string argument holds a NUL byte, then BAD_USER_INPUT names the argument', async () => {
      const { body } = await graph.query(STORIES, { search: 'a\u0000b' });
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'search' });
    });

    it('when a literal string holds another C0 control character, then BAD_USER_INPUT', async () => {
      const { body } = await graph.query(`{ veteranStories(search: "a\\u0007b", first: 3) { totalCount } }`);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'search' });
    });

    it('when a NUL byte hides in an input object of a mutation, then BAD_USER_INPUT names its path', async () => {
      const admin = await graph.token(['CITY_ADMIN'], '35');
      const { body } = await graph.query(
        `mutation ($input: AddVeteranStoryInput!) { addVeteranStory(input: $input) { id } }`,
        { input: { regionCode: '350105', narrator: '老兵', title: '老兵\u0000故事', text: '正文' } },
        admin,
      );
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.title' });
    });

    it('when free text holds tabs and newlines, then they are accepted', async () => {
      const { body } = await graph.query(STORIES, { search: '老兵\t故事\r\n' });
      expect(body.errors).toBeUndefined();
    });
  });

  describe('operations that cannot be resolved', () => {
    it('when a document holds several operations and no operationName, then HTTP 400 with a code', async () => {
      const { status, body, text } = await answer(await post(JSON.stringify({ query: 'query A { __typename } query B { __typename }' })));
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
      leaksNothing(text);
    });

    it('when operationName names no operation of the document, then HTTP 400 with a code', async () => {
      const { status, body } = await answer(await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })));
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    });

    it('when a persisted-query hash does not match its query, or is not a hash, then 400 with a code', async () => {
      for (const persistedQuery of [
        { version: 1, sha256Hash: 'bogus' },
        { version: 1, sha256Hash: 'a'.repeat(64) },
        { version: 2, sha256Hash: 'a'.repeat(64) },
        { version: 1, sha256Hash: 42 },
        'not an object',
      ]) {
        const { status, body, text } = await answer(await post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery } })));
        expect({ persistedQuery, status }).toEqual({ persistedQuery, status: 400 });
        expect(body.errors[0].extensions.code).toMatch(/^(BAD_REQUEST|PERSISTED_QUERY_NOT_SUPPORTED)$/);
        leaksNothing(text);
      }
    });

    it('when a persisted-query hash is unknown and no query is sent, then PERSISTED_QUERY_NOT_FOUND', async () => {
      const { body } = await answer(await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } })));
      expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('bodies the gateway cannot read', () => {
    it('when the JSON is malformed, then 400 BAD_REQUEST as a GraphQL error body', async () => {
      const got = await answer(await post('{"query": "{ __typename }"'));
      expect(got).toMatchObject({ status: 400, type: expect.stringMatching(/application\/json/) });
      expect(got.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] });
      leaksNothing(got.text);
    });

    it('when the body is over the limit, then 413 PAYLOAD_TOO_LARGE as JSON', async () => {
      const got = await answer(await post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(200_000) })));
      expect(got.status).toBe(413);
      expect(got.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      leaksNothing(got.text);
    });

    it('when the charset is not a UTF, then 415 UNSUPPORTED_MEDIA_TYPE as JSON; UTF-16 declared over other bytes, then 400', async () => {
      const query = JSON.stringify({ query: '{ __typename }' });
      const koi8 = await answer(await post(query, { 'content-type': 'application/json; charset=koi8-r' }));
      expect(koi8.status).toBe(415);
      expect(koi8.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      leaksNothing(koi8.text);
      const mislabelled = await answer(await post(query, { 'content-type': 'application/json; charset=utf-16' }));
      expect(mislabelled.status).toBe(400);
      expect(mislabelled.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      leaksNothing(mislabelled.text);
      // Real UTF-16 is JSON all the same (body-parser reads every UTF).
      const utf16 = await answer(await post(Buffer.from(query, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }));
      expect(utf16.body).toEqual({ data: { __typename: 'Query' } });
    });

    it('when the content encoding is unknown, then 415; when gzip is broken, then 400; when gzip is whole, then it runs', async () => {
      const unknown = await answer(await post(JSON.stringify({ query: '{ __typename }' }), { 'content-encoding': 'x-bogus' }));
      expect(unknown.status).toBe(415);
      expect(unknown.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const broken = await answer(await post(Buffer.from('this is not gzip'), { 'content-encoding': 'gzip' }));
      expect(broken.status).toBe(400);
      expect(broken.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      leaksNothing(broken.text);
      const whole = await answer(await post(gzipSync(JSON.stringify({ query: '{ __typename }' })), { 'content-encoding': 'gzip' }));
      expect(whole.body).toEqual({ data: { __typename: 'Query' } });
    });

    it('when the body is JSON of another shape (null, a string, a batch, no query) or has no content type, then 400 with a code as JSON', async () => {
      for (const [body, headers] of [
        ['null', {}],
        ['"{ __typename }"', {}],
        [JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), {}],
        ['{}', {}],
        [JSON.stringify({ query: '{ __typename }' }), { 'content-type': '' }],
      ] as [string, Record<string, string>][]) {
        const got = await answer(await post(body, headers));
        expect({ body, status: got.status, type: got.type }).toEqual({ body, status: 400, type: expect.stringMatching(/json/) });
        expect(got.body.errors[0].extensions.code).toBe('BAD_REQUEST');
        leaksNothing(got.text);
      }
    });

    it('when the headers are over the limit, then 431 with a JSON body', async () => {
      const { status, type, body } = await new Promise<{ status: number; type: string; body: any }>((resolve, reject) => {
        const request = http.request(
          graph.url,
          { method: 'POST', headers: { 'content-type': 'application/json', 'x-padding': 'x'.repeat(20_000) } },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => {
              let body: unknown = text;
              try {
                body = JSON.parse(text);
              } catch {
                // an empty or non-JSON body fails the assertions below
              }
              resolve({ status: response.statusCode!, type: String(response.headers['content-type']), body });
            });
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify({ query: '{ __typename }' }));
      });
      expect(status).toBe(431);
      expect(type).toMatch(/application\/json/);
      expect(body?.errors?.[0]?.extensions?.code).toBe('REQUEST_HEADER_FIELDS_TOO_LARGE');
    });

    it('when a subgraph is sent a malformed body directly, then it answers JSON too: 401 unsigned, 400 signed', async () => {
      const body = '{"query":';
      for (const { module, service } of graph.subgraphs) {
        // The signature is checked on the raw bytes before any parse, so an unsigned caller never reaches the parser.
        const unsigned = await answer(await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
        const signature = signRequest(subgraphSecret(graph.internalSecret, module.name), ANONYMOUS, body);
        const signed = await answer(await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signature }, body }));
        const seen = [unsigned, signed].map((got) => ({ status: got.status, code: got.body?.errors?.[0]?.extensions?.code }));
        expect({ subgraph: module.name, seen }).toEqual({
          subgraph: module.name,
          seen: [
            { status: 401, code: 'UNAUTHENTICATED' },
            { status: 400, code: 'BAD_REQUEST' },
          ],
        });
        leaksNothing(unsigned.text);
        leaksNothing(signed.text);
      }
    });
  });

  describe('tokens checked at the door', () => {
    it.each([
      ['requestService', `mutation { requestService(elderId: "${STATION}", category: CLINIC, mode: VOLUNTEER_CLAIM) { id } }`],
      ['placeStationOrder', `mutation { placeStationOrder(stationId: "${STATION}", help: CHILDREN) { id } }`],
      ['myCheckpointShifts', `{ myCheckpointShifts(from: "2026-01-01", to: "2026-01-31") { id } }`],
      ['serviceRequestWorklist', `{ serviceRequestWorklist(first: 3) { totalCount } }`],
    ])('when a token`s subject is "admin", not a person id, then %s is refused with 401 UNAUTHENTICATED', async (_field, query) => {
      const { status, body } = await graph.query(query, {}, await graph.token(['VOLUNTEER'], '350105001004', 'admin'));
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    });
  });

  it('when any answer is sent, then it carries no X-Powered-By header, from the gateway or a subgraph', async () => {
    expect((await post(JSON.stringify({ query: '{ __typename }' }))).headers.get('x-powered-by')).toBeNull();
    expect((await post('{')).headers.get('x-powered-by')).toBeNull();
    expect((await fetch(`${graph.url}healthz`)).headers.get('x-powered-by')).toBeNull();
    for (const { service } of graph.subgraphs) {
      expect((await fetch(`${service.url}healthz`)).headers.get('x-powered-by')).toBeNull();
      expect(
        (await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).headers.get('x-powered-by'),
      ).toBeNull();
    }
  });

  it('when a query reaches its depth through a fragment, then it counts as deep as the same query inline', async () => {
    // Depth 6, the limit: region → children ×4 → name.
    const inline = `{ region(code: "35") { children { children { children { children { name } } } } } }`;
    const spread = `{ region(code: "35") { ...below } } fragment below on Region { children { children { children { children { name } } } } }`;
    const inlineFragment = `{ region(code: "35") { ... on Region { children { children { children { children { name } } } } } } }`;
    const depthError = (body: any) => (body.errors ?? []).find((e: any) => /depth/i.test(e.message));
    expect(depthError((await graph.query(inline)).body)).toBeUndefined();
    expect(depthError((await graph.query(spread)).body)).toBeUndefined();
    expect(depthError((await graph.query(inlineFragment)).body)).toBeUndefined();
    // One level more is refused either way.
    const deeper = `{ region(code: "35") { ...below } } fragment below on Region { children { children { children { children { children { name } } } } } }`;
    expect(depthError((await graph.query(deeper)).body)).toBeDefined();
  });
});
