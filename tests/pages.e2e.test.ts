import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startTestGraph, TestGraph } from './harness';

/**
 * The pages the gateway serves to browsers, checked over HTTP (the browser tests
 * drive them in Chromium): every script and style comes from the gateway itself,
 * and the playground is a development tool that production does not serve.
 */
describe('the gateway pages', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(async () => {
    await graph?.stop();
  });

  it('when the playground is fetched, then it loads its scripts from the gateway under a strict CSP', async () => {
    const response = await fetch(`${graph.url}playground`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => u.startsWith('/_assets/'));
    expect(assets).toEqual(expect.arrayContaining(['/_assets/graphiql.js', '/_assets/explorer.js', '/_assets/react.js']));
    expect(html).not.toMatch(/https?:\/\//); // nothing from the internet
    for (const asset of assets) {
      const file = await fetch(`${graph.url}${asset.slice(1)}`);
      expect([asset, file.status]).toEqual([asset, 200]);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${graph.url}_assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('when the dashboard is fetched, then ECharts, its scripts and the boundary file come from the gateway, and its own questions are listed', async () => {
    const response = await fetch(`${graph.url}dashboard`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/_assets/echarts.js', '/_assets/dashboard-text.js', '/_assets/dashboard-map.js', '/_assets/dashboard.js']);
    for (const asset of [...scripts, '/_assets/fujian-boundaries.json']) {
      const file = await fetch(`${graph.url}${asset.slice(1)}`);
      expect([asset, file.status]).toEqual([asset, 200]);
    }
    expect(await (await fetch(`${graph.url}_assets/echarts.js`)).text()).toContain('registerMap');
    const own = (await (await fetch(`${graph.url}_pages/page-operations.json`)).json()) as { name: string }[];
    const files = readdirSync(path.join(__dirname, '..', 'gateway', 'operations')).filter((f) => f.endsWith('.graphql'));
    expect(own.map((o) => `${o.name}.graphql`).sort()).toEqual(files.sort());
    expect(own.map((o) => o.name)).toContain('DashboardStations');
  });

  it('when the example operations are listed, then each file is there with its variables parsed', async () => {
    const operations = (await (await fetch(`${graph.url}_pages/operations.json`)).json()) as { name: string; query: string; variables: string }[];
    const files = readdirSync(path.join(__dirname, '..', 'schema', 'operations')).filter((f) => f.endsWith('.graphql'));
    expect(operations.map((o) => `${o.name}.graphql`).sort()).toEqual(files.sort());
    const dashboard = operations.find((o) => o.name === 'DistrictDashboard')!;
    expect(JSON.parse(dashboard.variables)).toEqual({ code: '350105' });
  });

  it("when the playground's picker asks for a development token, then the gateway signs one it accepts for that role", async () => {
    const mint = (body: unknown, type = 'application/json') =>
      fetch(`${graph.url}_dev/token`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const log = '{ personalDataAccessLog(first: 1) { edges { cursor } } }';
    const asAnonymous = await graph.query(log);
    expect(asAnonymous.body.errors[0].extensions.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);

    const minted = await mint({ roles: ['CITY_ADMIN'], region: '3501' });
    expect(minted.status).toBe(200);
    expect(minted.headers.get('cache-control')).toBe('no-store');
    const { token, claims } = (await minted.json()) as { token: string; claims: { roles: string[]; region: string } };
    expect(claims).toMatchObject({ roles: ['CITY_ADMIN'], region: '3501' });
    const asAdmin = await graph.query(log, {}, token);
    expect(asAdmin.body.errors).toBeUndefined();

    for (const bad of [{ roles: ['MAYOR'] }, { roles: ['DISTRICT_OFFICER'], region: '35010' }, { roles: ['PARTNER'] }, { roles: ['ANALYST'], sub: 'me' }]) {
      const refused = await mint(bad);
      expect([JSON.stringify(bad), refused.status]).toEqual([JSON.stringify(bad), 400]);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    // A cross-site form cannot send JSON: its body is not read, so no token is signed.
    expect((await mint('roles=CITY_ADMIN', 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('when production serves a browser, then there is no playground and the graph URL leads to the dashboard', async () => {
    const production = await startTestGraph({ production: true });
    try {
      expect((await fetch(`${production.url}playground`)).status).toBe(404);
      const mint = await fetch(`${production.url}_dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"roles":["CITY_ADMIN"]}',
      });
      expect(mint.status).toBe(404);
      const home = await fetch(production.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(home.headers.get('location')).toBe('/dashboard');
      expect((await fetch(`${production.url}dashboard`)).status).toBe(200);
    } finally {
      await production.stop();
    }
  });
});
