import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, RunningService, startSubgraph, StartedSubgraph, subgraphSecret } from '@civic/shared';
import { testRolePassword } from '@civic/shared/src/testing';
import { pgbouncerIni } from '../graph/k8s/manifests';
import { gatewayBeside, startTestGraph, TestGraph } from './harness';

/**
 * The Kubernetes deployment serves every subgraph through PgBouncer in transaction
 * mode (deploy/k8s). Here elder care runs as it is deployed there, with the base's
 * own pgbouncer.ini (only where the server is changed), migrations skipped, behind
 * a gateway: a write (one transaction, the idempotency store, the audit log, a
 * service call to the directory) and reads work, and the replay guard's claims,
 * whose synchronous_commit is a transaction's and not a session's.
 * Needs Debian's pgbouncer (.ci/run installs it); without it these tests say so and skip.
 */
const PGBOUNCER = '/usr/sbin/pgbouncer';
const havePgbouncer = existsSync(PGBOUNCER);
if (!havePgbouncer) console.warn(`PgBouncer tests skipped: no ${PGBOUNCER} (apt-get install pgbouncer)`);
const describeWithPgbouncer = havePgbouncer ? describe : describe.skip;
const XINGANG = '350105001004';

describeWithPgbouncer('a subgraph behind PgBouncer in transaction mode', () => {
  let graph: TestGraph;
  let dir: string;
  let bouncer: ChildProcess;
  let viaBouncer: string;
  let replica: StartedSubgraph;
  let gateway: RunningService;

  beforeAll(async () => {
    graph = await startTestGraph();
    const direct = new URL(graph.database.url);
    const port = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), 'civic-pgbouncer-'));
    // As root, PgBouncer runs as the postgres user, who must read its files.
    chmodSync(dir, 0o755);
    const ini = pgbouncerIni('elder-care')
      .replace(/^civic = .*$/m, `civic = host=127.0.0.1 port=${direct.port} dbname=${direct.pathname.slice(1)}`)
      .replace(/^listen_addr = .*$/m, 'listen_addr = 127.0.0.1')
      .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
      .replace(/^auth_file = .*$/m, `auth_file = ${path.join(dir, 'userlist.txt')}`);
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    writeFileSync(path.join(dir, 'pgbouncer.ini'), `${ini}unix_socket_dir =\n`, { mode: 0o644 });
    writeFileSync(path.join(dir, 'userlist.txt'), `"civic_elder_care" "${testRolePassword('civic_elder_care')}"\n`, { mode: 0o644 });
    bouncer = spawn(PGBOUNCER, [path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore', ...(process.getuid?.() === 0 ? { uid: postgresUid() } : {}) });
    viaBouncer = `postgres://civic_elder_care:${encodeURIComponent(testRolePassword('civic_elder_care'))}@127.0.0.1:${port}/civic`;
    await untilAccepting(viaBouncer);
    replica = await startSubgraph(graph.subgraphs.find((s) => s.module.name === 'elder-care')!.module, {
      database: { url: viaBouncer },
      migrate: false,
      port: 0,
      secret: subgraphSecret(graph.internalSecret, 'elder-care'),
      poolSize: 3,
      gatewayUrl: graph.url,
    });
    gateway = await gatewayBeside(graph, { 'elder-care': replica.service.url }, { subgraphTimeoutMs: 5_000 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await replica?.stop();
    if (bouncer && bouncer.exitCode === null) {
      const exited = once(bouncer, 'exit');
      bouncer.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    await graph?.stop();
  });

  const query = async (text: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: text, variables }),
    });
    return (await response.json()) as any;
  };

  it('when it serves through PgBouncer, then it is ready, and a write and the reads after it work through the gateway', async () => {
    const ready = await fetch(`${replica.service.url}readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', service: 'elder-care' } });
    const officer = await graph.token(['DISTRICT_OFFICER'], '350105');
    const claims = async () => (await graph.db('elder-care').query(`SELECT count(*)::int AS n FROM elder_care.signed_request`))[0].n as number;
    const claimedBefore = await claims();
    const [{ id: personId }] = await graph
      .db('directory')
      .query(`INSERT INTO directory.person (name, gender, birth_date, phone, region_code) VALUES ('林秀英', 'FEMALE', '1938-04-12', NULL, $1) RETURNING id`, [
        XINGANG,
      ]);
    const input = { personId, communityCode: XINGANG, conditions: ['ADVANCED_AGE'], careNeeds: ['MEAL'], carers: [] };
    const register = `mutation ($input: RegisterElderInput!, $key: String) { registerElder(input: $input, idempotencyKey: $key) { id conditions } }`;
    const first = await query(register, { input, key: 'through-pgbouncer' }, officer);
    expect(first.errors).toBeUndefined();
    // The idempotency store answers the retry from the first transaction's row.
    const retried = await query(register, { input, key: 'through-pgbouncer' }, officer);
    expect(retried.data.registerElder.id).toBe(first.data.registerElder.id);
    const read = await query(`query ($id: ID!) { elder(id: $id) { id conditions person { name } } }`, { id: first.data.registerElder.id }, officer);
    expect(read.errors).toBeUndefined();
    expect(read.data.elder).toEqual({ id: first.data.registerElder.id, conditions: ['ADVANCED_AGE'], person: { name: '林秀英' } });
    // Each of those calls to elder care was claimed by its replay guard, through PgBouncer.
    expect((await claims()) - claimedBefore).toBeGreaterThanOrEqual(3);
  });

  it('when a connection asks PgBouncer for a session setting at start, as the replay guard once did, then PgBouncer refuses it', async () => {
    const client = new Client({ connectionString: viaBouncer, options: '-c synchronous_commit=off' } as never);
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/unsupported startup parameter: options/);
  });
});

function postgresUid(): number {
  const { execFileSync } = require('node:child_process');
  return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
}

async function untilAccepting(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('PgBouncer did not accept connections');
}
