import { randomBytes } from 'node:crypto';
import { startSubgraph, StartedSubgraph, StartupState } from '@civic/shared';
import { createTestDatabase, TestDatabase } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
};

const elderCare = SUBGRAPHS.find((m) => m.name === 'elder-care')!;

/** One elder-care subgraph on a database of its own, which a test may take away. */
async function lonelyElderCare(): Promise<{ subgraph: StartedSubgraph; database: TestDatabase }> {
  const database = await createTestDatabase();
  const subgraph = await startSubgraph(elderCare, {
    database: { url: database.url },
    port: 0,
    secret: randomBytes(32).toString('base64url'),
    poolSize: 2,
    gatewayUrl: 'http://127.0.0.1:9/',
  });
  return { subgraph, database };
}

describe('liveness and readiness', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  it('when all is well, then the gateway and every subgraph are live and ready', async () => {
    expect(await get(`${graph.url}healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(`${graph.url}readyz`)).toEqual({ status: 200, body: { status: 'ready', service: 'gateway' } });
    for (const subgraph of graph.subgraphs) {
      expect(await get(`${subgraph.service.url}readyz`)).toEqual({ status: 200, body: { status: 'ready', service: subgraph.module.name } });
    }
  });

  it('when a subgraph is seeding, then it and the gateway answer 503 "seeding", and ready again when it is done', async () => {
    const assessments = graph.subgraphs.find((s) => s.module.name === 'assessments')!;
    assessments.startup.seeding = true;
    try {
      expect(await get(`${assessments.service.url}readyz`)).toEqual({
        status: 503,
        body: { status: 'unavailable', service: 'assessments', reason: 'seeding' },
      });
      expect(await get(`${graph.url}readyz`)).toEqual({
        status: 503,
        body: { status: 'unavailable', service: 'gateway', reason: 'seeding', details: { assessments: 'seeding' } },
      });
    } finally {
      assessments.startup.seeding = false;
    }
    expect((await get(`${graph.url}readyz`)).status).toBe(200);
  });

  describe('a subgraph whose database is gone', () => {
    let lonely: { subgraph: StartedSubgraph; database: TestDatabase };
    beforeAll(async () => {
      lonely = await lonelyElderCare();
    });
    afterAll(async () => {
      await lonely.subgraph.stop();
      await lonely.database.drop();
    });

    it('when its migrations are not all applied, then it answers 503 "migrations pending"', async () => {
      expect((await get(`${lonely.subgraph.service.url}readyz`)).status).toBe(200);
      const [last] = await lonely.subgraph.dataSource.query(`SELECT id, timestamp, name FROM elder_care.migrations ORDER BY timestamp DESC LIMIT 1`);
      await lonely.subgraph.dataSource.query(`DELETE FROM elder_care.migrations WHERE id = $1`, [last.id]);
      try {
        expect(await get(`${lonely.subgraph.service.url}readyz`)).toEqual({
          status: 503,
          body: { status: 'unavailable', service: 'elder-care', reason: 'migrations pending' },
        });
      } finally {
        await lonely.subgraph.dataSource.query(`INSERT INTO elder_care.migrations (timestamp, name) VALUES ($1, $2)`, [last.timestamp, last.name]);
      }
    });

    it('when its database is dropped, then its /readyz answers 503 and the gateway names it, while /healthz stays ok', async () => {
      const gateway = await gatewayBeside(graph, { 'elder-care': lonely.subgraph.service.url }, { subgraphTimeoutMs: 2_000 });
      try {
        expect((await get(`${gateway.url}readyz`)).status).toBe(200);
        await lonely.database.drop();
        expect(await get(`${lonely.subgraph.service.url}readyz`)).toEqual({
          status: 503,
          body: { status: 'unavailable', service: 'elder-care', reason: 'database unavailable' },
        });
        expect(await get(`${lonely.subgraph.service.url}healthz`)).toEqual({ status: 200, body: { status: 'ok', service: 'elder-care' } });
        expect(await get(`${gateway.url}readyz`)).toEqual({
          status: 503,
          body: { status: 'unavailable', service: 'gateway', reason: 'subgraphs unavailable', details: { 'elder-care': 'database unavailable' } },
        });
      } finally {
        await gateway.stop();
      }
    });
  });

  it('when a subgraph is stopped, then the gateway answers 503 naming it "unreachable", without its address', async () => {
    const canteens = graph.subgraphs.find((s) => s.module.name === 'elder-canteens')!;
    await canteens.service.stop();
    const { status, body } = await get(`${graph.url}readyz`);
    expect({ status, body }).toEqual({
      status: 503,
      body: { status: 'unavailable', service: 'gateway', reason: 'subgraphs unavailable', details: { 'elder-canteens': 'unreachable' } },
    });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|http/);
  });
});

describe('a gateway that listens while the graph seeds', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
  });
  afterAll(() => graph.stop());

  it('when the graph is seeding, then GraphQL answers 503 SERVICE_UNAVAILABLE and /readyz "seeding"; when done, then both serve', async () => {
    const startup: StartupState = { seeding: true };
    const gateway = await gatewayBeside(graph, {}, { subgraphTimeoutMs: 2_000, startup });
    const ask = async () => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ region(code: "350105") { name } }' }),
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
    };
    try {
      const seeding = await ask();
      expect(seeding.status).toBe(503);
      expect(seeding.retryAfter).toBe('5');
      expect(seeding.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'seeding' });
      expect(await get(`${gateway.url}readyz`)).toEqual({ status: 503, body: { status: 'unavailable', service: 'gateway', reason: 'seeding' } });
      // Liveness is not readiness: the process answers.
      expect((await get(`${gateway.url}healthz`)).status).toBe(200);

      startup.seeding = false;
      const served = await ask();
      expect(served.status).toBe(200);
      expect(served.body.data.region.name).toBe('马尾区');
      expect((await get(`${gateway.url}readyz`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
