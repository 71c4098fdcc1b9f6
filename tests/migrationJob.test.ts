import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { provisionDatabase, startSubgraph, StartedSubgraph } from '@civic/shared';
import { createEmptyTestDatabase, TestDatabase, testRolePassword, testSubgraphUrls, withAdminClient } from '@civic/shared/src/testing';
import { SUBGRAPHS } from '../graph/subgraphs';

const ROOT = path.join(__dirname, '..');
const assessments = SUBGRAPHS.find((m) => m.name === 'assessments')!;

/**
 * Kubernetes (deploy/k8s) migrates each subgraph in a Job before its rollout:
 * the subgraph's own entry point with CIVIC_MIGRATIONS=only, connected directly
 * as its schema's owner (the advisory lock is a session's, which a transaction
 * pooler would lose). The Deployment serves with CIVIC_MIGRATIONS=skip through
 * PgBouncer and is ready only once the Job has run.
 */
describe('the migration Job and the serving Deployment', () => {
  let database: TestDatabase;
  let serving: StartedSubgraph | undefined;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    await provisionDatabase(database.url, [assessments], testRolePassword);
  });
  afterAll(async () => {
    await serving?.stop();
    await database.drop();
  });

  const readyz = async () => {
    const response = await fetch(`${serving!.service.url}readyz`);
    return { status: response.status, body: await response.json() };
  };

  it('when the Deployment starts before its Job, then it serves no migration itself and is not ready: migrations pending', async () => {
    serving = await startSubgraph(assessments, {
      database: { url: testSubgraphUrls(database.url, assessments.dbSchema).url },
      migrate: false,
      port: 0,
      secret: randomBytes(32).toString('base64url'),
      poolSize: 2,
      gatewayUrl: 'http://127.0.0.1:9/',
    });
    expect(await readyz()).toEqual({ status: 503, body: { status: 'unavailable', service: 'assessments', reason: 'migrations pending' } });
    const [{ tables }] = await serving.dataSource.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'assessments'`);
    expect(tables).toBe(0);
  });

  it('when the Job runs the entry point with CIVIC_MIGRATIONS=only, then it migrates and loads reference data as the owner, exits 0 without a signing secret, and the Deployment becomes ready', async () => {
    const urls = testSubgraphUrls(database.url, assessments.dbSchema);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      CIVIC_MIGRATIONS: 'only',
      DATABASE_URL: urls.url,
      MIGRATION_DATABASE_URL: urls.migrationUrl,
    };
    const job = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/assessments/src/index.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect({ status: job.status, stderr: job.stderr }).toEqual({ status: 0, stderr: '' });

    const [{ owner }] = await serving!.dataSource.query(
      `SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'assessments' AND tablename = 'migrations'`,
    );
    expect(owner).toBe('civic_assessments_owner');
    const [{ templates }] = await serving!.dataSource.query(`SELECT count(*)::int AS templates FROM assessments.template`);
    expect(templates).toBeGreaterThan(0);
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', service: 'assessments' } });
    const held = await withAdminClient(database.url, (c) =>
      c.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      ),
    );
    expect(held.rows[0].n).toBe(0);
  });

  it('when a subgraph is told something else than at-start, only or skip, then it refuses to start, naming the variable', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, CIVIC_MIGRATIONS: 'later', DATABASE_URL: 'postgres://x@127.0.0.1:9/x' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/assessments/src/index.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CIVIC_MIGRATIONS');
  });
});
