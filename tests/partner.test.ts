import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Identity, SubgraphModule } from '@civic/shared';
import { EXACT_FIGURES, startSubgraphHarness } from '@civic/shared/src/testing';
import { checkComposition } from '@civic/schema/src/check';
import { subgraphSources } from '@civic/schema/src/subgraphSources';
import { buildSafelist, operationFolders } from '@civic/schema/src/safelist';
import { isLocal, readRegistry } from '../graph/registry';
import { subgraphNames } from '../graph/scaffold/names';
import { scaffoldSubgraph } from '../graph/scaffold/scaffold';
import { writeResolverTypes } from '../graph/codegen/config';
import { staleK8sFiles } from '../graph/k8s/base';
import { podSpec, renderKustomization } from './kustomize';

/**
 * The partner path: `npm run subgraph:new` makes a subgraph that composes, serves
 * and is registered by configuration alone. It is made here in a scratch copy of
 * the repository's registry and deployment files, inside the repository so that
 * its imports resolve as a real subgraph's do. Its name is one no partner would
 * choose, so a partner's own subgraph (the README's food-banks, say) never collides
 * with it, and its port is the next after the registry's, as the command picks it.
 */
const ROOT = path.join(__dirname, '..');
const N = subgraphNames(`zz-test-${randomBytes(4).toString('hex')}`);
const PORT =
  Math.max(
    4099,
    ...readRegistry()
      .filter(isLocal)
      .map((s) => s.port),
  ) + 1;

describe('npm run subgraph:new', () => {
  let scratch: string;
  let written: string[];
  beforeAll(async () => {
    // Made here, not at load: a filtered run skips the hooks that would remove it.
    scratch = mkdtempSync(path.join(ROOT, '.scaffold-test-'));
    mkdirSync(path.join(scratch, 'graph'));
    copyFileSync(path.join(ROOT, 'graph', 'subgraph-registry.json'), path.join(scratch, 'graph', 'subgraph-registry.json'));
    copyFileSync(path.join(ROOT, 'Dockerfile'), path.join(scratch, 'Dockerfile'));
    copyFileSync(path.join(ROOT, 'docker-compose.yml'), path.join(scratch, 'docker-compose.yml'));
    cpSync(path.join(ROOT, 'deploy', 'k8s'), path.join(scratch, 'deploy', 'k8s'), { recursive: true });
    written = scaffoldSubgraph({ name: N.name, port: PORT, partner: '测试社工服务中心', root: scratch, now: 1764000000000 });
    // As npm run subgraph:new does next: its resolver types, from its SDL (npm run codegen).
    written.push(...(await writeResolverTypes(scratch, [N.name])));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const at = (file: string) => path.join(scratch, file);

  it('when a subgraph is scaffolded, then it is registered by configuration: registry, image and deployment', () => {
    const registry = readRegistry(at('graph/subgraph-registry.json'));
    expect(registry.at(-1)).toEqual({ name: N.name, path: `subgraphs/${N.name}`, port: PORT, partner: '测试社工服务中心' });
    expect(registry.slice(0, -1)).toEqual(readRegistry());
    expect(readFileSync(at('Dockerfile'), 'utf8')).toContain(`COPY subgraphs/${N.name}/package.json subgraphs/${N.name}/`);
    const compose = parse(readFileSync(at('docker-compose.yml'), 'utf8'), { merge: true });
    expect(compose.services[N.name].environment).toMatchObject({ PORT: String(PORT), NODE_ENV: 'production' });
    expect(compose.services[N.name].command.at(-1)).toBe(`subgraphs/${N.name}/src/index.ts`);
    expect(compose.services.gateway.environment[`SUBGRAPH_URL_${N.env}`]).toBe(`http://${N.name}:${PORT}/`);
    expect(compose.services[N.name].environment).not.toHaveProperty('CIVIC_INTERNAL_SECRET');
    expect(compose.services[N.name].environment.CIVIC_SUBGRAPH_SECRET).toMatch(new RegExp(`^\\$\\{CIVIC_SUBGRAPH_SECRET_${N.env}:\\?`));
    expect(compose.services.gateway.environment[`CIVIC_SUBGRAPH_SECRET_${N.env}`]).toBe(compose.services[N.name].environment.CIVIC_SUBGRAPH_SECRET);
    expect(compose.services.gateway.depends_on[N.name]).toEqual({ condition: 'service_healthy' });
    // Its own database roles, and their passwords for the provisioning service (graph/rolePasswords.ts).
    expect(compose.services[N.name].environment.DATABASE_URL).toMatch(new RegExp(`^postgres://civic_${N.dbSchema}:\\$\\{CIVIC_DB_PASSWORD_${N.env}:\\?`));
    expect(compose.services[N.name].environment.MIGRATION_DATABASE_URL).toMatch(
      new RegExp(`^postgres://civic_${N.dbSchema}_owner:\\$\\{CIVIC_DB_OWNER_PASSWORD_${N.env}:\\?`),
    );
    expect(Object.keys(compose.services['db-roles'].environment)).toEqual(
      expect.arrayContaining([`CIVIC_DB_PASSWORD_${N.env}`, `CIVIC_DB_OWNER_PASSWORD_${N.env}`]),
    );
    expect(written).toEqual(
      expect.arrayContaining([
        `subgraphs/${N.name}/test/${N.name}.test.ts`,
        `subgraphs/${N.name}/schema.graphql`,
        `subgraphs/${N.name}/src/generated/resolvers.ts`,
      ]),
    );
  });

  it('when a subgraph is scaffolded, then the Kubernetes base deploys it as it deploys the others, and the gateway calls it with its own secret', () => {
    expect(staleK8sFiles(scratch)).toEqual([]);
    expect(written).toContain(`deploy/k8s/base/subgraphs/${N.name}.yaml`);
    const manifests = renderKustomization(at('deploy/k8s/overlays/production'));
    const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
    for (const [kind, name] of [
      ['Deployment', N.name],
      ['Service', N.name],
      ['HorizontalPodAutoscaler', N.name],
      ['PodDisruptionBudget', N.name],
      ['NetworkPolicy', N.name],
      ['Job', `${N.name}-migrate`],
      ['Deployment', `${N.name}-pgbouncer`],
    ]) {
      expect({ kind, name, found: Boolean(find(kind, name)) }).toEqual({ kind, name, found: true });
    }
    expect(podSpec(find('Deployment', N.name)!)!.containers[0].ports).toEqual([{ name: 'http', containerPort: PORT }]);
    const gatewayEnv = podSpec(find('Deployment', 'gateway')!)!.containers[0].env;
    expect(gatewayEnv).toContainEqual({ name: `SUBGRAPH_URL_${N.env}`, value: `http://${N.name}:${PORT}/` });
    expect(gatewayEnv).toContainEqual({
      name: `CIVIC_SUBGRAPH_SECRET_${N.env}`,
      valueFrom: { secretKeyRef: { name: `civic-${N.name}`, key: 'CIVIC_SUBGRAPH_SECRET' } },
    });
    expect(find('NetworkPolicy', 'gateway')!.spec.egress).toContainEqual({
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': N.name } } }],
      ports: [{ protocol: 'TCP', port: PORT }],
    });
  });

  it('when a name or port is taken, then nothing is made', () => {
    expect(() => scaffoldSubgraph({ name: 'elder-care', port: PORT + 1, partner: 'x', root: scratch })).toThrow(/already exists/);
    expect(() => scaffoldSubgraph({ name: `${N.name}-other`, port: 4002, partner: 'x', root: scratch })).toThrow(/port 4002/);
    expect(() => scaffoldSubgraph({ name: 'Zz_Test', port: PORT + 1, partner: 'x', root: scratch })).toThrow(/not a subgraph name/);
    expect(existsSync(at(`subgraphs/${N.name}-other`))).toBe(false);
  });

  it('when its TypeScript is checked as strictly as the rest, then it has no errors', () => {
    const ts: typeof import('typescript') = require('typescript');
    const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const files = written.filter((f) => f.endsWith('.ts')).map((f) => at(f));
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('when its own test is run, as a partner runs it, then it passes against a real PostgreSQL', () => {
    // A jest of its own, on its own embedded PostgreSQL (DATABASE_URL is dropped so
    // that its set-up never touches this run's server or template database).
    const config = {
      rootDir: ROOT,
      globalSetup: '<rootDir>/jest/globalSetup.ts',
      globalTeardown: '<rootDir>/jest/globalTeardown.ts',
      testTimeout: 60_000,
      projects: [
        {
          displayName: N.name,
          rootDir: ROOT,
          roots: [at(`subgraphs/${N.name}`)],
          transform: { '^.+\\.ts$': ['@swc/jest'] },
          testEnvironment: 'node',
          testMatch: ['**/*.test.ts'],
          setupFiles: ['<rootDir>/jest/setupEnv.ts'],
        },
      ],
    };
    const configFile = at('jest.config.json');
    writeFileSync(configFile, JSON.stringify(config));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', configFile, '--ci'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toMatch(/Tests:\s+(\d+) passed, \1 total/);
    expect(run.status).toBe(0);
  }, 150_000);

  it('when composed with the graph, then it composes and only adds to the public API', async () => {
    const sources = [...subgraphSources(), { name: N.name, url: `http://localhost:${PORT}/`, sdlFile: at(`subgraphs/${N.name}/schema.graphql`) }];
    const result = await checkComposition(sources);
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    expect(result.apiSdl).toContain(`${N.camel}: ${N.pascal}Stats\n`);
    expect(result.apiSdl).toContain(`add${N.pascal}Site(idempotencyKey: String, name: String!, regionCode: ID!): ${N.pascal}Site!`);
    // Its dashboard's operation is registered for the gateway's safelist, valid against the new API.
    const safelist = buildSafelist(result.apiSdl, operationFolders(at('graph/subgraph-registry.json'), scratch), scratch);
    expect(safelist.operations.find((o) => o.name === `${N.pascal}Sites`)).toMatchObject({
      clientName: N.name,
      source: `subgraphs/${N.name}/operations/${N.pascal}Sites.graphql`,
    });
  });

  it('when served, then it migrates its own schema, writes under the access rules and counts per region', async () => {
    const exports = require(at(`subgraphs/${N.name}/src/module`));
    const module: SubgraphModule = exports[N.camel];
    expect(module).toMatchObject({ name: N.name, dbSchema: N.dbSchema, defaultPort: PORT });
    const harness = await startSubgraphHarness(module);
    try {
      const officer: Identity = { sub: 'e0000000-0000-4000-8000-000000000009', roles: ['PARTNER'], region: '350105', partner: N.name };
      const add = `mutation { add${N.pascal}Site(name: "新港食物银行", regionCode: "350105001001") { id region { code } } }`;
      const added = await harness.query(add, {}, officer);
      expect(added.body.data[`add${N.pascal}Site`].region.code).toBe('350105001001');
      const refused = await harness.query(add.replace('350105001001', '350504001001'), {}, officer);
      expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
      // The canteens' partner covers the district too, but this is another partner's subgraph.
      const canteensPartner: Identity = { ...officer, partner: 'elder-canteens' };
      const other = await harness.query(add.replace('新港食物银行', '另一家'), {}, canteensPartner);
      expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
      // Exact for a city administrator; one site is a count the public does not see (disclosure control).
      const figures = `{ _entities(representations: [{ __typename: "Region", code: "3501" }]) { ... on Region { ${N.camel} { sites suppressed } } } }`;
      const stats = await harness.query(figures, {}, EXACT_FIGURES);
      expect(stats.body.data._entities[0][N.camel].sites).toBe(1);
      expect((await harness.query(figures)).body.data._entities[0][N.camel]).toEqual({ sites: null, suppressed: ['sites'] });
    } finally {
      await harness.stop();
    }
  });
});

describe('composition checks for partners', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(ROOT, '.scaffold-test-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const withPartner = (sdl: string) => {
    const sdlFile = path.join(scratch, `${Math.random()}.graphql`);
    writeFileSync(sdlFile, sdl);
    return [...subgraphSources(), { name: 'partner', url: 'http://localhost:4099/', sdlFile }];
  };
  const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])\n';

  it("when a partner defines another subgraph's field differently, then composition refuses and names both", async () => {
    const result = await checkComposition(withPartner(`${LINK}type Region @key(fields: "code") { code: ID! veterans: Int! }`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons.join('\n')).toMatch(/Region\.veterans[\s\S]*(partner[\s\S]*veteran-volunteers|veteran-volunteers[\s\S]*partner)/);
  });

  it('when a partner takes over a field another subgraph resolves, then it is refused and says whose field it was', async () => {
    const result = await checkComposition(
      withPartner(`${LINK}type VeteranTeam @key(fields: "id") { id: ID! name: String! @override(from: "veteran-volunteers") }`),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons.join('\n')).toContain('VeteranTeam.name was resolved by veteran-volunteers and is now resolved by partner');
  });

  it("when a partner adds a non-null field to another subgraph's entity, then it is refused, named, even with --accept-breaking", async () => {
    const sdl = `${LINK}type Region @key(fields: "code") { code: ID! partnerSites: Int! }`;
    for (const acceptBreaking of [false, true]) {
      const result = await checkComposition(withPartner(sdl), { acceptBreaking });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reasons.join('\n')).toContain(
          'Region.partnerSites is added by partner to Region, which directory owns, and must be nullable (Int, not Int!)',
        );
    }
  });

  it('when a partner only adds its own fields, then the check passes', async () => {
    const result = await checkComposition(withPartner(`${LINK}type Region @key(fields: "code") { code: ID! partnerNote: String }`));
    expect(result.ok).toBe(true);
  });

  it('when a change drops a field dashboards use, then it is refused and the field is named', async () => {
    const canteens = subgraphSources().find((source) => source.name === 'elder-canteens')!;
    const without = readFileSync(canteens.sdlFile, 'utf8').replace(/\n\s*"Canteens in this region[^\n]*\n\s*canteens\(first: Int = 20\): \[Canteen!\]/, '');
    expect(without).not.toContain('canteens(first');
    const sdlFile = path.join(scratch, 'canteens-without-list.graphql');
    writeFileSync(sdlFile, without);
    const result = await checkComposition(subgraphSources().map((s) => (s.name === 'elder-canteens' ? { ...s, sdlFile } : s)));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reasons.join('\n')).toContain('breaks the public API');
      expect(result.reasons.join('\n')).toContain('Region.canteens');
    }
  });

  it('when a partner runs its subgraph elsewhere, then the registry composes it from its SDL and records its URL', async () => {
    const registry = JSON.parse(readFileSync(path.join(ROOT, 'graph', 'subgraph-registry.json'), 'utf8'));
    writeFileSync(path.join(scratch, 'remote.graphql'), `${LINK}type Region @key(fields: "code") { code: ID! partnerNote: String }`);
    registry.subgraphs.push({
      name: 'remote-partner',
      url: 'https://partner.example.org/graphql',
      schema: path.relative(ROOT, path.join(scratch, 'remote.graphql')),
    });
    const file = path.join(scratch, 'registry.json');
    writeFileSync(file, JSON.stringify(registry));
    const sources = subgraphSources(file);
    expect(sources.at(-1)).toMatchObject({ name: 'remote-partner', url: 'https://partner.example.org/graphql' });
    const result = await checkComposition(sources);
    if (!result.ok) throw new Error(result.reasons.join('\n'));
    expect(result.supergraphSdl).toContain('REMOTE_PARTNER @join__graph(name: "remote-partner", url: "https://partner.example.org/graphql")');
  });
});
