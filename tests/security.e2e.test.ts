import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { MAX_SIGNATURE_AGE_MS, signRequest, subgraphSecret } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the gateway guards the graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  it('when any subgraph is called directly, around the gateway, then it refuses without data', async () => {
    for (const { module, service } of graph.subgraphs) {
      const response = await post(
        service.url,
        JSON.stringify({
          query: '{ _entities(representations: [{ __typename: "Region", code: "35" }]) { __typename } }',
        }),
        { 'x-civic-identity': Buffer.from(JSON.stringify({ sub: 'x', roles: ['CITY_ADMIN'], region: '35' })).toString('base64url') },
      );
      const body = (await response.json()) as any;
      expect({ subgraph: module.name, status: response.status, data: body.data }).toEqual({ subgraph: module.name, status: 401, data: undefined });
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  // Signed as the gateway signs, but wrongly: a city admin's identity, so only the signature stands in the way.
  const admin = { sub: 'e0000000-0000-4000-8000-0000000000ad', roles: ['CITY_ADMIN' as const], region: '35', partner: null };
  const entities = JSON.stringify({ query: '{ _entities(representations: [{ __typename: "Region", code: "35" }]) { __typename } }' });
  const refusedDirectly = async (url: string, headers: Record<string, string>) => {
    const response = await post(url, entities, headers);
    const body = (await response.json()) as any;
    return { status: response.status, data: body.data, code: body.errors?.[0]?.extensions?.code };
  };

  it("when a subgraph is called directly with a request signed with another subgraph's secret, then it refuses without data", async () => {
    const names = graph.subgraphs.map((s) => s.module.name);
    for (const [i, { module, service }] of graph.subgraphs.entries()) {
      const neighbour = names[(i + 1) % names.length];
      const headers = signRequest(subgraphSecret(graph.internalSecret, neighbour), admin, entities);
      expect({ subgraph: module.name, ...(await refusedDirectly(service.url, headers)) }).toEqual({
        subgraph: module.name,
        status: 401,
        data: undefined,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('when a subgraph is called directly with its own secret but a stale timestamp, then it refuses the replay; a fresh one passes', async () => {
    for (const { module, service } of graph.subgraphs) {
      const secret = subgraphSecret(graph.internalSecret, module.name);
      const stale = signRequest(secret, admin, entities, Date.now() - MAX_SIGNATURE_AGE_MS - 5_000);
      expect({ subgraph: module.name, ...(await refusedDirectly(service.url, stale)) }).toEqual({
        subgraph: module.name,
        status: 401,
        data: undefined,
        code: 'UNAUTHENTICATED',
      });
      // The same request signed now is answered: the timestamp alone made the difference.
      const fresh = await post(service.url, entities, signRequest(secret, admin, entities));
      expect({ subgraph: module.name, status: fresh.status }).toEqual({ subgraph: module.name, status: 200 });
    }
  });

  it("when a PARTNER token for another partner opens a canteen through the gateway, then FORBIDDEN and nothing is stored; the canteens' own partner opens it", async () => {
    const open = `mutation ($input: OpenCanteenInput!) { openCanteen(input: $input) { id } }`;
    const input = { name: '合作方食堂', regionCode: '350105001004', address: '新港社区', seats: 20, mealPrice: 10, servingHours: '11:00-12:30' };
    const count = async () => (await graph.db('elder-canteens').query(`SELECT count(*)::int AS n FROM elder_canteens.canteen`))[0].n;
    const before = await count();
    const stranger = await graph.token(['PARTNER'], '350105', undefined, 'food-banks');
    const refused = await graph.query(open, { input }, stranger);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    const own = await graph.token(['PARTNER'], '350105', undefined, 'elder-canteens');
    const opened = await graph.query(open, { input }, own);
    expect(opened.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('when a PARTNER token names no partner, then the gateway refuses it as UNAUTHENTICATED', async () => {
    const { status, body } = await graph.query('{ region(code: "35") { name } }', {}, await graph.token(['PARTNER'], '350105'));
    expect(status).toBe(401);
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/partner/), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('when the district dashboard is asked, then it passes every query limit', async () => {
    const query = readFileSync(path.join(__dirname, '..', 'schema', 'operations', 'DistrictDashboard.graphql'), 'utf8');
    const { body } = await graph.query(query, { code: '350105' });
    expect(body.errors).toBeUndefined();
    expect(body.data.region.selfAndChildren).toHaveLength(1 + 4); // 马尾区 and its four streets and towns
  });

  it('when a query nests too deep, then it is refused before any subgraph is called', async () => {
    // Every community of Fujian with its statistics: 17,498 regions from one request.
    const deep = `{ region(code: "35") { children { children { children { children { elderCare { elders } } } } } } }`;
    const { body } = await graph.query(deep);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/depth/i);
  });

  it('when a query uses too many aliases, then it is refused', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: region(code: "35") { name }`).join(' ');
    const { body } = await graph.query(`{ ${aliases} }`);
    expect(body.errors[0].message).toMatch(/alias/i);
  });

  it('when a query is too costly, then it is refused, though each operation alone passes', async () => {
    const page = readFileSync(path.join(__dirname, '..', 'schema', 'operations', 'VeteranTeamPage.graphql'), 'utf8');
    const selection = page.slice(page.indexOf('{', page.indexOf('veteranTeam(')));
    const alone = await graph.query(page, { id: '00000000-0000-4000-8000-000000000000' });
    expect(alone.body.errors ?? []).not.toContainEqual(expect.objectContaining({ message: expect.stringMatching(/cost/i) }));
    const twelveTeams = Array.from(
      { length: 12 },
      (_, i) => `t${i}: veteranTeam(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") ${selection.slice(0, selection.lastIndexOf('}'))}`,
    );
    const { body } = await graph.query(`{ ${twelveTeams.join('\n')} }`);
    expect(body.errors[0].message).toMatch(/cost/i);
  });

  it('when a query has too many tokens or directives, then it is refused', async () => {
    const manyTokens = `{ region(code: "35") { ${'name '.repeat(2_100)} } }`;
    expect((await graph.query(manyTokens)).body.errors[0].message).toMatch(/token/i);
    const manyDirectives = `{ region(code: "35") { name ${'@include(if: true) '.repeat(21)} } }`;
    expect((await graph.query(manyDirectives)).body.errors[0].message).toMatch(/directive/i);
  });

  it('when a request body is larger than the limit, then 413 and nothing runs', async () => {
    const response = await post(graph.url, JSON.stringify({ query: `{ region(code: "35") { name } }`, padding: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
  });

  it('when a cross-site form posts a query (text/plain), then CSRF prevention refuses it', async () => {
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ region(code: "35") { name } }' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

describe('the gateway in production', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ production: true });
  });
  afterAll(() => graph.stop());

  it('when introspection is attempted, then it is refused', async () => {
    const { body } = await graph.query('{ __schema { types { name } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/introspection/i);
  });

  it('when a field name is mistyped, then no suggestion reveals the schema', async () => {
    const { body } = await graph.query('{ region(code: "35") { nam } }');
    expect(body.errors[0].message).not.toMatch(/Did you mean/);
  });
});

describe('production tokens through the gateway', () => {
  const ISSUER = 'https://idp.fuzhou.example/';
  const AUDIENCE = 'civic-graph';
  const ELDERS = '{ elders(regionCode: "350105", first: 1) { edges { node { id } } } }';
  let graph: TestGraph;
  let provider: http.Server;
  let providerKey: KeyLike;
  const providerToken = (claims: { iss?: string; aud?: string }, roles = ['CITY_ADMIN']) =>
    new SignJWT({ roles, region: '35', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'civic-1' })
      .setSubject('e0000000-0000-4000-8000-0000000000a1')
      .setExpirationTime('10m')
      .sign(providerKey);

  beforeAll(async () => {
    const keys = await generateKeyPair('ES256');
    providerKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'civic-1', alg: 'ES256', use: 'sig' };
    // The identity provider's key set on loopback, fetched by the gateway as in production.
    provider = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/jwks.json`;
    graph = await startTestGraph({ production: true, jwksUrl, jwtIssuer: ISSUER, jwtAudience: AUDIENCE });
  });
  afterAll(async () => {
    await graph?.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  it("when a city admin's token is signed by the provider's key with the right issuer and audience, then its identity reaches the subgraphs", async () => {
    const admin = await graph.query(ELDERS, {}, await providerToken({ iss: ISSUER, aud: AUDIENCE }));
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.elders.edges).toEqual([]);
    // The same query without the token is refused by elder care: the admin's identity made the difference.
    const anonymous = await graph.query(ELDERS);
    expect(anonymous.body.errors[0].extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('when an HS256 development token is sent, though signed with the gateway`s own secret, then UNAUTHENTICATED and nothing runs', async () => {
    const development = await graph.token(['CITY_ADMIN'], '35');
    const { status, body } = await graph.query(ELDERS, {}, development);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['another issuer', { iss: 'https://idp.elsewhere.example/', aud: AUDIENCE }, /issuer/],
    ['no issuer', { aud: AUDIENCE }, /issuer/],
    ['another audience', { iss: ISSUER, aud: 'another-app' }, /audience/],
  ])("when the provider's token has %s, then UNAUTHENTICATED and nothing runs", async (_what, claims, message) => {
    const { status, body } = await graph.query(ELDERS, {}, await providerToken(claims));
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
  });
});
