import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPLAY_GUARD_POOL_SIZE, subgraphEnvName } from '@civic/shared';
import { SUBGRAPHS } from '../graph/subgraphs';
import { subgraphNames } from '../graph/scaffold/names';
import { deployedSubgraphs, staleK8sFiles } from '../graph/k8s/base';
import { secretManifests } from '../graph/k8s/secrets';
import { Manifest, podSpec, renderKustomization, splitImage } from './kustomize';

const ROOT = path.join(__dirname, '..');
const OVERLAYS = ['development', 'production'] as const;
const render = (overlay: string, root = ROOT) => renderKustomization(path.join(root, 'deploy', 'k8s', 'overlays', overlay));

// The sizing rule's fixed terms (README, "Kubernetes"): a migration Job holds its lock
// connection, its owner's and a serving pool of one (CIVIC_MIGRATIONS=only); the
// provisioning Job one; PostgreSQL keeps superuser_reserved_connections (3) for
// administrators; and 10 are left for people and tools (psql, backups, monitoring).
const MIGRATION_JOB_CONNECTIONS = 3;
const PROVISIONING_CONNECTIONS = 1;
const SUPERUSER_RESERVED = 3;
const HEADROOM = 10;

type Env = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string; optional?: boolean } };
};

/** Reads rendered manifests as the cluster would see them. */
export function cluster(manifests: Manifest[]) {
  const get = (kind: string, name: string): Manifest => {
    const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const workloads = manifests.filter((m) => podSpec(m));
  const containers = (m: Manifest): Manifest[] => [...(podSpec(m)!.initContainers ?? []), ...podSpec(m)!.containers];
  const env = (m: Manifest): Env[] => containers(m).flatMap((c) => c.env ?? []);
  const envValue = (m: Manifest, name: string) => env(m).find((e) => e.name === name)?.value;
  const secretRefs = (m: Manifest) => env(m).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
  const podLabels = (m: Manifest): Record<string, string> =>
    m.kind === 'CronJob' ? m.spec.jobTemplate.spec.template.metadata.labels : m.spec.template.metadata.labels;
  const selects = (selector: Manifest, labels: Record<string, string>) =>
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (selector.matchExpressions ?? []).every((e: { key: string; operator: string; values: string[] }) =>
      e.operator === 'In'
        ? e.values.includes(labels[e.key])
        : (() => {
            throw new Error(`operator ${e.operator}`);
          })(),
    );
  const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
  /**
   * Who may open a connection to `workload` on `port` (ingress), or to whom it may
   * (egress): pod names of this namespace, `*` for anyone, or `external` for a peer
   * in another namespace (described by its selectors).
   */
  const peers = (workload: Manifest, direction: 'ingress' | 'egress', port?: number): string[] => {
    const labels = podLabels(workload);
    const found = new Set<string>();
    for (const policy of policies.filter(
      (p) => selects(p.spec.podSelector, labels) && p.spec.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress'),
    )) {
      for (const rule of policy.spec[direction] ?? []) {
        if (port !== undefined && rule.ports && !rule.ports.some((p: { port: number }) => p.port === port)) continue;
        const list = rule[direction === 'ingress' ? 'from' : 'to'];
        if (!list) {
          found.add('*');
          continue;
        }
        for (const peer of list) {
          if (peer.namespaceSelector || peer.ipBlock) found.add(`external:${JSON.stringify(peer)}`);
          else for (const w of workloads.filter((w) => selects(peer.podSelector, podLabels(w)))) found.add(w.metadata.name);
        }
      }
    }
    return [...found].sort();
  };
  return { manifests, get, workloads, containers, env, envValue, secretRefs, peers };
}

describe('deploy/k8s', () => {
  it('when the registry changes, then the base follows (npm run k8s), and every registered subgraph is in it under its own schema', () => {
    expect(staleK8sFiles()).toEqual([]);
    expect(deployedSubgraphs().map((s) => s.name)).toEqual(SUBGRAPHS.map((m) => m.name));
    // The base names a subgraph's roles from its name, as its module names its schema.
    for (const module of SUBGRAPHS) expect(subgraphNames(module.name).dbSchema).toBe(module.dbSchema);
  });

  describe.each(OVERLAYS)('the %s overlay, rendered', (overlay) => {
    const k = cluster(render(overlay));
    const secrets = secretManifests(deployedSubgraphs());

    it.each(SUBGRAPHS.map((m) => [m.name, m] as const))(
      'when %s is deployed, then it has a Deployment from its own entry point, a Service, an autoscaler, a disruption budget, a network policy, a migration Job and a PgBouncer',
      (name, module) => {
        const deployment = k.get('Deployment', name);
        const [container] = podSpec(deployment)!.containers;
        expect(container.command).toEqual(['node', '--import', 'tsx', `subgraphs/${name}/src/index.ts`]);
        expect(existsSync(path.join(ROOT, container.command.at(-1)))).toBe(true);
        expect(container.ports).toEqual([{ name: 'http', containerPort: module.defaultPort }]);
        expect(k.envValue(deployment, 'PORT')).toBe(String(module.defaultPort));
        expect(k.get('Service', name).spec.ports).toEqual([{ name: 'http', port: module.defaultPort, targetPort: module.defaultPort }]);
        expect(k.get('HorizontalPodAutoscaler', name).spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
        expect(k.get('PodDisruptionBudget', name).spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
        expect(k.get('NetworkPolicy', name)).toBeDefined();
        const job = k.get('Job', `${name}-migrate`);
        expect(podSpec(job)!.containers[0].command).toEqual(container.command);
        expect(k.get('ConfigMap', `${name}-pgbouncer`).data['pgbouncer.ini']).toMatch(/^pool_mode = transaction$/m);
        expect(k.get('Service', `${name}-pgbouncer`).spec.selector).toEqual(k.get('Deployment', `${name}-pgbouncer`).spec.selector.matchLabels);
        // The gateway finds it at its Service.
        expect(k.envValue(k.get('Deployment', 'gateway'), `SUBGRAPH_URL_${subgraphEnvName(name)}`)).toBe(`http://${name}:${module.defaultPort}/`);
      },
    );

    it('when any workload runs, then every container has resource requests and limits, and every long-running one liveness and readiness probes', () => {
      for (const workload of k.workloads) {
        for (const container of k.containers(workload)) {
          expect({ workload: workload.metadata.name, container: container.name, resources: Object.keys(container.resources ?? {}).sort() }).toEqual({
            workload: workload.metadata.name,
            container: container.name,
            resources: ['limits', 'requests'],
          });
        }
        if (workload.kind === 'Job') continue;
        for (const container of podSpec(workload)!.containers) {
          expect({ workload: workload.metadata.name, liveness: Boolean(container.livenessProbe), readiness: Boolean(container.readinessProbe) }).toEqual({
            workload: workload.metadata.name,
            liveness: true,
            readiness: true,
          });
        }
      }
      for (const name of ['gateway', ...SUBGRAPHS.map((m) => m.name)]) {
        const [container] = podSpec(k.get('Deployment', name))!.containers;
        expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      }
    });

    it('when the gateway and the subgraphs scale, then each has an autoscaler and a disruption budget that keeps pods up', () => {
      for (const name of ['gateway', ...SUBGRAPHS.map((m) => m.name)]) {
        const hpa = k.get('HorizontalPodAutoscaler', name).spec;
        expect(hpa.maxReplicas).toBeGreaterThanOrEqual(hpa.minReplicas);
        expect(k.get('PodDisruptionBudget', name).spec.maxUnavailable).toBe(1);
      }
    });

    it.each(SUBGRAPHS.map((m) => [m.name, m] as const))(
      'when %s runs, then its pods hold only its own secret and roles: serving through its PgBouncer, migrating straight to PostgreSQL',
      (name, module) => {
        const own = `civic-${name}`;
        const serving = `civic_${module.dbSchema}`;
        const deployment = k.get('Deployment', name);
        const job = k.get('Job', `${name}-migrate`);
        const pgbouncer = k.get('Deployment', `${name}-pgbouncer`);
        for (const workload of [deployment, job, pgbouncer]) {
          expect(k.secretRefs(workload).filter((ref) => ref.name !== own && ref.name !== 'civic-metrics')).toEqual([]);
          expect(k.env(workload).map((e) => e.name)).not.toContain('CIVIC_INTERNAL_SECRET');
          expect(k.secretRefs(workload).some((ref) => ref.key === 'CIVIC_DATA_KEY')).toBe(name === 'directory' && workload !== pgbouncer);
        }
        expect(k.envValue(deployment, 'DATABASE_URL')).toBe(`postgres://${serving}:$(CIVIC_DB_PASSWORD)@${name}-pgbouncer:6432/civic`);
        expect(k.envValue(deployment, 'CIVIC_MIGRATIONS')).toBe('skip');
        expect(k.env(deployment).map((e) => e.name)).not.toEqual(expect.arrayContaining(['MIGRATION_DATABASE_URL']));
        expect(k.secretRefs(deployment).map((ref) => ref.key)).not.toContain('CIVIC_DB_OWNER_PASSWORD');
        expect(k.envValue(job, 'CIVIC_MIGRATIONS')).toBe('only');
        expect(k.envValue(job, 'DATABASE_URL')).toBe(`postgres://${serving}:$(CIVIC_DB_PASSWORD)@postgres:5432/civic`);
        expect(k.envValue(job, 'MIGRATION_DATABASE_URL')).toBe(`postgres://${serving}_owner:$(CIVIC_DB_OWNER_PASSWORD)@postgres:5432/civic`);
        expect(k.secretRefs(job).map((ref) => ref.key)).not.toContain('CIVIC_SUBGRAPH_SECRET');
        // Its own signing secret is the one the gateway signs its calls with.
        const gatewaySecret = k.env(k.get('Deployment', 'gateway')).find((e) => e.name === `CIVIC_SUBGRAPH_SECRET_${subgraphEnvName(name)}`);
        expect(gatewaySecret?.valueFrom?.secretKeyRef).toEqual({ name: own, key: 'CIVIC_SUBGRAPH_SECRET' });
        expect(k.secretRefs(deployment)).toContainEqual({ name: own, key: 'CIVIC_SUBGRAPH_SECRET' });
      },
    );

    it("when the gateway runs, then it holds the subgraphs' signing secrets and nothing of the database", () => {
      const gateway = k.get('Deployment', 'gateway');
      const names = k.env(gateway).map((e) => e.name);
      expect(names.filter((n) => /DATABASE_URL|DB_PASSWORD|POSTGRES/.test(n))).toEqual([]);
      expect(k.env(gateway).filter((e) => e.value?.startsWith('postgres'))).toEqual([]);
      expect(
        k
          .secretRefs(gateway)
          .filter((ref) => ref.name.startsWith('civic-') && !['civic-gateway', 'civic-metrics'].includes(ref.name))
          .map((ref) => ref.key),
      ).toEqual(SUBGRAPHS.map(() => 'CIVIC_SUBGRAPH_SECRET'));
      expect(k.secretRefs(gateway).map((ref) => ref.key)).not.toContain('CIVIC_DATA_KEY');
    });

    it('when any container refers to a Secret or setting, then it exists (npm run k8s:secrets makes the Secrets), and $(VAR) names a variable set before it', () => {
      const configMaps = k.manifests.filter((m) => m.kind === 'ConfigMap');
      for (const workload of k.workloads) {
        for (const container of k.containers(workload)) {
          const seen: string[] = [];
          for (const e of (container.env ?? []) as Env[]) {
            const secret = e.valueFrom?.secretKeyRef;
            if (secret && !secret.optional)
              expect({ ref: secret, found: secrets.some((s) => s.metadata.name === secret.name && secret.key in s.stringData) }).toEqual({
                ref: secret,
                found: true,
              });
            const setting = e.valueFrom?.configMapKeyRef;
            if (setting && !setting.optional)
              expect({ ref: setting, found: configMaps.some((c) => c.metadata.name === setting.name && setting.key in c.data) }).toEqual({
                ref: setting,
                found: true,
              });
            for (const [, variable] of (e.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g))
              expect({ env: e.name, uses: variable, defined: seen.includes(variable) }).toEqual({ env: e.name, uses: variable, defined: true });
            seen.push(e.name);
          }
        }
      }
      // Each subgraph's Secret holds its own signing secret and its two roles' passwords (the directory also its data key), nothing else.
      for (const module of SUBGRAPHS) {
        const own = secrets.find((s) => s.metadata.name === `civic-${module.name}`)!;
        expect(Object.keys(own.stringData).sort()).toEqual(
          ['CIVIC_DB_OWNER_PASSWORD', 'CIVIC_DB_PASSWORD', 'CIVIC_SUBGRAPH_SECRET', ...(module.name === 'directory' ? ['CIVIC_DATA_KEY'] : [])].sort(),
        );
      }
      // No Secret is kept in the repository's manifests.
      expect(k.manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    });

    it('when the network is policed, then only the gateway reaches the subgraphs and only each subgraph reaches its own PgBouncer, and only PgBouncers and Jobs reach PostgreSQL', () => {
      const deny = k.get('NetworkPolicy', 'default-deny').spec;
      expect(deny).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      const prometheus = expect.stringMatching(/^external:.*monitoring.*prometheus/);
      const inNamespace = (names: string[]) => names.filter((n) => !n.startsWith('external:'));
      for (const module of SUBGRAPHS) {
        const name = module.name;
        const subgraph = k.get('Deployment', name);
        expect(k.peers(subgraph, 'ingress', module.defaultPort)).toEqual([prometheus, 'gateway']);
        expect(inNamespace(k.peers(subgraph, 'egress'))).toEqual([`${name}-pgbouncer`, 'gateway'].sort());
        // Partners' webhooks leave the directory over HTTPS, for public addresses only; no other subgraph reaches out.
        expect(k.peers(subgraph, 'egress', 443).filter((p) => p.includes('ipBlock'))).toEqual(
          name === 'directory' ? [expect.stringMatching(/^external:.*"except":\[.*"169\.254\.0\.0\/16"/)] : [],
        );
        expect(k.peers(k.get('Deployment', `${name}-pgbouncer`), 'ingress', 6432)).toEqual([name]);
        expect(inNamespace(k.peers(k.get('Deployment', `${name}-pgbouncer`), 'egress'))).toEqual(['postgres']);
        expect(inNamespace(k.peers(k.get('Job', `${name}-migrate`), 'egress'))).toEqual(['postgres']);
      }
      const databaseClients = [...SUBGRAPHS.flatMap((m) => [`${m.name}-pgbouncer`, `${m.name}-migrate`]), 'db-roles'].sort();
      expect(k.peers(k.get('StatefulSet', 'postgres'), 'ingress', 5432)).toEqual(databaseClients);
      expect(k.peers(k.get('Deployment', 'gateway'), 'ingress', 4000)).toEqual(['*']);
      expect(inNamespace(k.peers(k.get('Deployment', 'gateway'), 'egress'))).toEqual(SUBGRAPHS.map((m) => m.name).sort());
      // The identity provider's key set, over HTTPS; never a database port.
      expect(k.peers(k.get('Deployment', 'gateway'), 'egress', 443)).toEqual([expect.stringMatching(/^external:.*ipBlock/)]);
      for (const port of [5432, 6432]) expect(k.peers(k.get('Deployment', 'gateway'), 'egress', port).filter((p) => !p.includes('kube-dns'))).toEqual([]);
    });

    it('when Prometheus scrapes, then the gateway and every subgraph ask for the metrics token (README, "Metrics")', () => {
      for (const name of ['gateway', ...SUBGRAPHS.map((m) => m.name)]) {
        expect(k.secretRefs(k.get('Deployment', name))).toContainEqual({ name: 'civic-metrics', key: 'CIVIC_METRICS_TOKEN' });
      }
    });

    it('when tracing is configured, then the gateway and every subgraph read the collector from the settings and may reach it on OTLP/HTTP (README, "Tracing")', () => {
      const collector = expect.stringMatching(/^external:.*monitoring.*opentelemetry-collector/);
      expect(k.get('ConfigMap', 'civic-settings').data).toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
      for (const name of ['gateway', ...SUBGRAPHS.map((m) => m.name)]) {
        const workload = k.get('Deployment', name);
        expect(k.env(workload)).toContainEqual(
          expect.objectContaining({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', valueFrom: { configMapKeyRef: expect.objectContaining({ name: 'civic-settings' }) } }),
        );
        expect(k.peers(workload, 'egress', 4318)).toEqual([collector]);
      }
      // Nothing else (PgBouncer, PostgreSQL) sends spans out.
      expect(k.peers(k.get('StatefulSet', 'postgres'), 'egress', 4318)).toEqual([]);
    });
  });

  describe('the production overlay', () => {
    const k = cluster(render('production'));

    it('when rendered, then it runs in production mode, at least two pods of everything that serves, on a pinned image', () => {
      expect(k.get('ConfigMap', 'civic-settings').data.NODE_ENV).toBe('production');
      // Production dashboards send registered operations only.
      expect(k.get('ConfigMap', 'civic-settings').data.CIVIC_OPERATIONS).toBe('safelist');
      expect(k.containers(k.get('Deployment', 'gateway'))[0].env).toContainEqual(
        expect.objectContaining({ name: 'CIVIC_OPERATIONS', valueFrom: { configMapKeyRef: { name: 'civic-settings', key: 'CIVIC_OPERATIONS' } } }),
      );
      for (const name of ['gateway', ...SUBGRAPHS.map((m) => m.name)])
        expect(k.get('HorizontalPodAutoscaler', name).spec.minReplicas).toBeGreaterThanOrEqual(2);
      for (const module of SUBGRAPHS) expect(k.get('Deployment', `${module.name}-pgbouncer`).spec.replicas).toBeGreaterThanOrEqual(2);
      for (const workload of k.workloads) {
        for (const container of k.containers(workload)) {
          const [, tag] = splitImage(container.image);
          expect({ image: container.image, pinned: Boolean(tag) && !['latest', 'dev'].includes(tag!) }).toEqual({ image: container.image, pinned: true });
        }
      }
    });

    it("when every subgraph is at its autoscaler's maximum mid-rollout, then the pools fit: each PgBouncer's clients, and PostgreSQL's max_connections with headroom", () => {
      const ini = (name: string) =>
        Object.fromEntries(
          [...k.get('ConfigMap', `${name}-pgbouncer`).data['pgbouncer.ini'].matchAll(/^(\w+) = (.*)$/gm)].map(([, key, v]) => [key, v.trim()]),
        ) as Record<string, string>;
      const poolSize = Number(k.get('ConfigMap', 'civic-settings').data.DB_POOL_SIZE);
      const [, maxConnections] = podSpec(k.get('StatefulSet', 'postgres'))!
        .containers[0].args.join(' ')
        .match(/max_connections=(\d+)/);
      let server = 0;
      for (const module of SUBGRAPHS) {
        const pods = k.get('HorizontalPodAutoscaler', module.name).spec.maxReplicas + k.get('Deployment', module.name).spec.strategy.rollingUpdate.maxSurge;
        const settings = ini(module.name);
        const clients = pods * (poolSize + REPLAY_GUARD_POOL_SIZE);
        // Clients: the Service may send them all to one PgBouncer pod.
        expect({ subgraph: module.name, clients, fits: clients <= Number(settings.max_client_conn) }).toEqual({ subgraph: module.name, clients, fits: true });
        expect(Number(settings.default_pool_size) + Number(settings.reserve_pool_size)).toBeLessThanOrEqual(Number(settings.max_db_connections));
        server += k.get('Deployment', `${module.name}-pgbouncer`).spec.replicas * Number(settings.max_db_connections) + MIGRATION_JOB_CONNECTIONS;
      }
      const total = server + PROVISIONING_CONNECTIONS + SUPERUSER_RESERVED + HEADROOM;
      expect({ total, maxConnections: Number(maxConnections), fits: total <= Number(maxConnections) }).toEqual({
        total,
        maxConnections: Number(maxConnections),
        fits: true,
      });
    });
  });

  describe('the renderer', () => {
    it('when an overlay asks for a kustomize feature it does not implement, then it refuses rather than skip it', () => {
      const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
      const dir = mkdtempSync(path.join(ROOT, '.kustomize-test-'));
      try {
        writeFileSync(
          path.join(dir, 'kustomization.yaml'),
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\nnamePrefix: x-\n',
        );
        expect(() => renderKustomization(dir)).toThrow(/does not support namePrefix/);
        writeFileSync(
          path.join(dir, 'kustomization.yaml'),
          'kind: Kustomization\nresources: []\npatches:\n  - target: { kind: Deployment }\n    patch: "[]"\n',
        );
        expect(() => renderKustomization(dir)).toThrow(/matches nothing/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
