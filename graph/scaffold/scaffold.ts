import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REGISTRY_FILE, REPO_ROOT } from '../registry';
import { composeDatabaseUrls, composeRolePasswords } from '../rolePasswords';
import { writeK8sBase } from '../k8s/base';
import { subgraphNames } from './names';
import { subgraphFiles } from './templates';

export interface ScaffoldOptions {
  name: string;
  port: number;
  /** who runs it, for the registry and the package description */
  partner: string;
  root?: string;
  /** the migration's timestamp (ms); now by default */
  now?: number;
}

/**
 * Makes subgraphs/<name> from the templates and registers it: graph/subgraph-registry.json
 * (which the launcher, composition and tests read), and the deployment files
 * (Dockerfile, docker-compose.yml, and the Kubernetes base made from the registry).
 * Refuses a name or port already taken.
 * Returns the paths it wrote, relative to the root.
 */
export function scaffoldSubgraph(options: ScaffoldOptions): string[] {
  const root = options.root ?? REPO_ROOT;
  const names = subgraphNames(options.name);
  const dir = path.join('subgraphs', names.name);
  const registryFile = path.join(root, path.relative(REPO_ROOT, REGISTRY_FILE));
  const registry = JSON.parse(readFileSync(registryFile, 'utf8'));
  if (registry.subgraphs.some((s: { name: string }) => s.name === names.name) || existsSync(path.join(root, dir))) {
    throw new Error(`a subgraph named ${names.name} already exists`);
  }
  const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
  const portsInUse = [
    ...Object.values(parse(compose, { merge: true }).services).map((s: any) => Number(s.environment?.PORT)),
    ...registry.subgraphs.map((s: { port?: number }) => s.port),
  ];
  if (portsInUse.includes(options.port)) throw new Error(`port ${options.port} is already used by another service`);

  const written: string[] = [];
  const files = subgraphFiles(names, options.port, options.now ?? Date.now(), options.partner);
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.push(path.join(dir, file));
  }

  registry.subgraphs.push({ name: names.name, path: dir, port: options.port, partner: options.partner });
  writeFileSync(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
  written.push(path.relative(root, registryFile));

  writeFileSync(path.join(root, 'Dockerfile'), addDockerManifest(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), dir));
  written.push('Dockerfile');
  writeFileSync(path.join(root, 'docker-compose.yml'), addComposeService(compose, names.name, names.env, options.port, names.dbSchema));
  written.push('docker-compose.yml');
  // Its Deployment, Service, autoscaler, budget, policies, PgBouncer and migration Job, and the gateway's and provisioning's references to it.
  written.push(...writeK8sBase(root));
  return written;
}

/** The image installs each workspace's dependencies from its manifest: one more COPY after the subgraphs'. */
export function addDockerManifest(dockerfile: string, dir: string): string {
  const lines = dockerfile.split('\n');
  const last = lines.map((l) => l.startsWith('COPY subgraphs/') && l.includes('/package.json')).lastIndexOf(true);
  if (last < 0) throw new Error('Dockerfile: no COPY subgraphs/*/package.json line to follow');
  lines.splice(last + 1, 0, `COPY ${dir}/package.json ${dir}/`);
  return lines.join('\n');
}

/**
 * A service for the subgraph holding only its own signing secret and its own
 * database roles' URLs, its URL and the same secret for the gateway, its roles'
 * passwords for the db-roles service, and the gateway waiting for it.
 */
export function addComposeService(compose: string, name: string, env: string, port: number, dbSchema: string): string {
  const secret = `\${CIVIC_SUBGRAPH_SECRET_${env}:?set CIVIC_SUBGRAPH_SECRET_${env} (32+ characters)}`;
  const service = [
    `  ${name}:`,
    '    <<: *service',
    `    command: ["node", "--import", "tsx", "subgraphs/${name}/src/index.ts"]`,
    '    environment:',
    '      <<: *subgraph-env',
    ...Object.entries(composeDatabaseUrls(name, dbSchema)).map(([variable, url]) => `      ${variable}: ${url}`),
    `      CIVIC_SUBGRAPH_SECRET: ${secret}`,
    `      PORT: "${port}"`,
    `    expose: ["${port}"]`,
    '',
    '',
  ].join('\n');
  let next = compose.replace(/^ {2}gateway:\n/m, `${service}  gateway:\n`);
  next = next.replace(/((?:^ {6}SUBGRAPH_URL_[A-Z_]+: .*\n)+)/m, `$1      SUBGRAPH_URL_${env}: http://${name}:${port}/\n`);
  next = next.replace(/((?:^ {6}CIVIC_SUBGRAPH_SECRET_[A-Z_]+: .*\n)+)/m, `$1      CIVIC_SUBGRAPH_SECRET_${env}: ${secret}\n`);
  const passwords = Object.entries(composeRolePasswords(name))
    .map(([variable, value]) => `      ${variable}: ${value}\n`)
    .join('');
  next = next.replace(/((?:^ {6}CIVIC_DB_(?:OWNER_)?PASSWORD_[A-Z_]+: .*\n)+)/m, `$1${passwords}`);
  next = next.replace(
    /(^ {4}depends_on:\n(?:^ {6}[a-z-]+:\n^ {8}condition: service_healthy\n)+)(?=\nvolumes:)/m,
    `$1      ${name}:\n        condition: service_healthy\n`,
  );
  const parsed = parse(next, { merge: true });
  const gateway = parsed.services?.gateway;
  if (
    !parsed.services?.[name]?.environment?.CIVIC_SUBGRAPH_SECRET ||
    !Object.keys(composeRolePasswords(name)).every((variable) => parsed.services?.['db-roles']?.environment?.[variable]) ||
    gateway?.environment?.[`SUBGRAPH_URL_${env}`] === undefined ||
    gateway?.environment?.[`CIVIC_SUBGRAPH_SECRET_${env}`] === undefined ||
    gateway.depends_on?.[name]?.condition !== 'service_healthy'
  ) {
    throw new Error('docker-compose.yml is not laid out as expected: add the service by hand');
  }
  return next;
}
