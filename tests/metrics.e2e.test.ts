import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readOperations } from '@civic/gateway/src/web/operations';
import { startTestGraph, TestGraph } from './harness';

/**
 * /metrics on the gateway and every subgraph (issue 18.1), and the Grafana
 * dashboard of deploy/grafana/ charting only what they export.
 */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, the sample lines of it. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}
const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

const DASHBOARD = path.join(__dirname, '..', 'deploy', 'grafana', 'civic-graph.json');
const dashboard = readOperations().find((op) => op.name === 'DistrictDashboard')!;

describe('metrics', () => {
  let graph: TestGraph;
  const scrape = async (url: string, token?: string) => {
    const response = await fetch(new URL('metrics', url), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const subgraphUrl = (name: string) => graph.subgraphs.find((s) => s.module.name === name)!.service.url;

  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' } });
  });
  afterAll(async () => {
    await graph?.stop();
  });

  it('when a DistrictDashboard request is served, then the gateway counts it by operation and outcome, with each subgraph call it made', async () => {
    const answer = await graph.query(dashboard.query, JSON.parse(dashboard.variables));
    expect(answer.body.errors).toBeUndefined();
    const { status, type, text } = await scrape(graph.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parse(text);
    expect(find(samples, 'civic_graphql_requests_total', { service: 'gateway', operation: 'DistrictDashboard', outcome: 'ok' })).toEqual([
      expect.objectContaining({ value: 1 }),
    ]);
    expect(find(samples, 'civic_graphql_request_duration_seconds_count', { operation: 'DistrictDashboard' })[0].value).toBe(1);
    for (const subgraph of ['directory', 'veteran-volunteers', 'neighbour-stations', 'elder-care', 'assessments']) {
      expect(find(samples, 'civic_gateway_subgraph_requests_total', { subgraph, status: '200' })[0]?.value).toBeGreaterThanOrEqual(1);
      expect(find(samples, 'civic_gateway_subgraph_request_duration_seconds_count', { subgraph })[0]?.value).toBeGreaterThanOrEqual(1);
    }
    // A subgraph counts the client's operation (signed by the gateway), not the gateway's rewritten name.
    const directory = parse((await scrape(subgraphUrl('directory'))).text);
    expect(
      find(directory, 'civic_graphql_requests_total', { service: 'directory', operation: 'DistrictDashboard', outcome: 'ok' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);
  });

  it("when a subgraph is scraped, then its database pool's open, idle, waiting and maximum connections are gauges", async () => {
    const samples = parse((await scrape(subgraphUrl('veteran-volunteers'))).text);
    expect(find(samples, 'civic_db_pool_max_connections', { service: 'veteran-volunteers' })).toEqual([expect.objectContaining({ value: 3 })]);
    expect(find(samples, 'civic_db_pool_connections')[0].value).toBeGreaterThanOrEqual(1);
    expect(find(samples, 'civic_db_pool_idle_connections')).toHaveLength(1);
    expect(find(samples, 'civic_db_pool_waiting_requests')).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it("when elder care is scraped, then the time bank's movements are there by kind, as the ledger holds them", async () => {
    const samples = parse((await scrape(subgraphUrl('elder-care'))).text);
    const ledger = await graph.db('elder-care').query(`SELECT kind, count(*)::int AS n FROM elder_care.time_bank_transfer GROUP BY kind`);
    expect(ledger.length).toBeGreaterThan(0);
    for (const { kind, n } of ledger) expect(find(samples, 'civic_time_bank_movements', { kind })).toEqual([expect.objectContaining({ value: n })]);
    expect(find(samples, 'civic_time_bank_movement_hours').length).toBe(ledger.length);
  });

  it('when the Grafana dashboard is read, then every metric it charts is one the graph exports', async () => {
    const exported = new Set<string>();
    // Every family a service declares (# TYPE), whether or not it has counted anything yet.
    for (const url of [graph.url, ...graph.subgraphs.map((s) => s.service.url)]) {
      for (const [, name, type] of (await scrape(url)).text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
        for (const suffix of type === 'histogram' ? ['_bucket', '_sum', '_count'] : ['']) exported.add(name + suffix);
      }
    }
    const json = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
    const exprs: string[] = json.panels.flatMap((panel: any) => panel.targets.map((target: any) => target.expr));
    expect(exprs.length).toBeGreaterThan(5);
    const charted = new Set(exprs.flatMap((expr) => expr.match(/\bcivic_[a-z0-9_]+/g) ?? []));
    expect([...charted].filter((name) => !exported.has(name))).toEqual([]);
    // And it charts each of the graph's own metric families.
    for (const family of [
      'civic_graphql_requests_total',
      'civic_gateway_subgraph_request_duration_seconds_bucket',
      'civic_db_pool_waiting_requests',
      'civic_time_bank_movements',
    ]) {
      expect(charted).toContain(family);
    }
  });
});

describe('metrics in production', () => {
  let graph: TestGraph;
  const token = randomBytes(24).toString('base64url');
  afterEach(async () => {
    await graph?.stop();
  });

  it('when a token is set, then /metrics answers only with it, on the gateway and the subgraphs', async () => {
    graph = await startTestGraph({ production: true, metricsToken: token });
    for (const url of [graph.url, graph.subgraphs[0].service.url]) {
      expect((await fetch(new URL('metrics', url))).status).toBe(404);
      expect((await fetch(new URL('metrics', url), { headers: { authorization: `Bearer ${token}x` } })).status).toBe(404);
      const allowed = await fetch(new URL('metrics', url), { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('civic_graphql_requests_total');
    }
  });

  it('when no token is set, then /metrics is not served on the public port at all', async () => {
    graph = await startTestGraph({ production: true });
    const response = await fetch(new URL('metrics', graph.url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('civic_');
  });
});
