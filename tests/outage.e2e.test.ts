import http from 'node:http';
import { createServer, type Server } from 'node:net';
import type { Pool } from 'pg';
import { freePort, type RunningService } from '@civic/shared';
import { TEST_ADMIN_URL_VAR, withAdminClient } from '@civic/shared/src/testing';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';

/**
 * Outages answered as outages (issue 12, point 5): a caller can tell "try again"
 * (SERVICE_UNAVAILABLE; for a mutation, outcome UNKNOWN: retry with the same
 * idempotencyKey) from "your request is wrong" and from a bug.
 */
describe('PostgreSQL unreachable during a request', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  /**
   * Cuts one subgraph off its database as a stopped PostgreSQL would: every
   * connection it holds is ended by the server (57P01) and new ones are refused
   * (ECONNREFUSED); `restore` lets it connect again.
   */
  async function cutOff(subgraph: string): Promise<{ restore(): void }> {
    type PoolInternals = Pool & { options: { connectionString: string }; _clients: { processID: number }[] };
    const pool = (graph.db(subgraph).driver as unknown as { master: PoolInternals }).master;
    // New connections go to a port nothing listens on.
    const url = pool.options.connectionString;
    const dead = new URL(url);
    dead.port = String(await freePort());
    pool.options.connectionString = dead.toString();
    const pids = pool._clients.map((c) => c.processID);
    // As the server's administrator: each subgraph's own role may end only its own connections.
    await withAdminClient(process.env[TEST_ADMIN_URL_VAR] as string, (admin) =>
      admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]),
    );
    // The pool drops each ended connection when its socket closes.
    for (let i = 0; i < 50 && pool.totalCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return { restore: () => void (pool.options.connectionString = url) };
  }

  it('when a subgraph cannot reach PostgreSQL, then a query gets SERVICE_UNAVAILABLE (no outcome) and the rest arrives; once back, it answers again', async () => {
    const admin = await graph.token(['CITY_ADMIN'], '35');
    const query = `{ region(code: "350105") { name } veteranTeam(id: "a0000000-0000-4000-8000-000000000001") { name } }`;
    const outage = await cutOff('veteran-volunteers');
    try {
      const { status, body } = await graph.query(query, {}, admin);
      expect(status).toBe(200);
      expect(body.data?.region).toEqual({ name: '马尾区' });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'veteran-volunteers' });
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|localhost|5432|INTERNAL_SERVER_ERROR/);
    } finally {
      outage.restore();
    }
    const again = await graph.query(query, {}, admin);
    expect(again.body.errors).toBeUndefined();
  });

  it('when a mutation cannot reach PostgreSQL, then SERVICE_UNAVAILABLE with outcome UNKNOWN', async () => {
    const admin = await graph.token(['CITY_ADMIN'], '35');
    const outage = await cutOff('veteran-volunteers');
    try {
      const { body } = await graph.query(
        `mutation { joinVeteranTeam(teamId: "a0000000-0000-4000-8000-000000000001", veteranId: "a0000000-0000-4000-8000-000000000002") { joinedAt } }`,
        {},
        admin,
      );
      expect(body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'veteran-volunteers', outcome: 'UNKNOWN' });
    } finally {
      outage.restore();
    }
  });
});

describe('a subgraph that times out or refuses', () => {
  let graph: TestGraph;
  let hung: Server;
  let gateway: RunningService;
  beforeAll(async () => {
    graph = await startTestGraph({ subgraphTimeoutMs: 500 });
    // A socket that accepts and stays silent stands in for a frozen subgraph.
    hung = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => hung.once('listening', resolve));
    const { port } = hung.address() as { port: number };
    gateway = await gatewayBeside(graph, { 'elder-care': `http://127.0.0.1:${port}/` });
  });
  afterAll(async () => {
    await gateway.stop();
    hung.close();
    await graph.stop();
  });

  const send = async (query: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(['CITY_ADMIN'], '35')}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('when the mutation`s subgraph does not answer in time, then SERVICE_UNAVAILABLE says its outcome is UNKNOWN', async () => {
    const { status, body } = await send(`mutation { cancelServiceRequest(id: "a0000000-0000-4000-8000-000000000001") { id } }`);
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: 'the elder-care service did not answer in time',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'elder-care', outcome: 'UNKNOWN' },
    });
  });

  it('when a query`s subgraph does not answer in time, then a plain SERVICE_UNAVAILABLE: a query is safe to retry as it is', async () => {
    const { body } = await send(`{ serviceRequests(first: 1) { totalCount } }`);
    expect(body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'elder-care' });
  });

  it('when a subgraph answers HTTP 400 with BAD_USER_INPUT (its own scalar refused a variable), then the caller gets BAD_USER_INPUT, not SERVICE_UNAVAILABLE', async () => {
    const refusing = http.createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Variable "$colour" got invalid value "plaid"', extensions: { code: 'BAD_USER_INPUT' } }] }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const other = await gatewayBeside(graph, { 'elder-care': `http://127.0.0.1:${(refusing.address() as { port: number }).port}/` });
    try {
      const response = await fetch(other.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ region(code: "3501") { name } serviceRequests(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors[0]).toMatchObject({
        message: 'the elder-care service refused an argument: Variable "$colour" got invalid value "plaid"',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1/);
    } finally {
      await other.stop();
      refusing.close();
    }
  });
});
