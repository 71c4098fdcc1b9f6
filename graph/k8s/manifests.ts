import { schemaRoles } from '@civic/shared';
import { subgraphNames } from '../scaffold/names';

/**
 * The Kubernetes base (deploy/k8s/base) as objects, made from the subgraph registry
 * as the compose file is kept from it: one file per subgraph, the gateway's (which
 * names every subgraph), the database and what all share. `npm run k8s` writes
 * them; overlays (deploy/k8s/overlays/*) change them with kustomize patches. The
 * README's "Kubernetes" section says why each piece is there.
 */
export type Manifest = Record<string, any>;

/** A subgraph as the base needs it: the registry's name and port. */
export interface DeployedSubgraph {
  name: string;
  port: number;
}

export const IMAGE = 'civic-graph';
export const PGBOUNCER_IMAGE = 'edoburu/pgbouncer:v1.24.1-p1';
export const POSTGRES_IMAGE = 'postgres:18';
export const GATEWAY_PORT = 4000;
export const PGBOUNCER_PORT = 6432;
export const POSTGRES_PORT = 5432;
/** The `node` user of the image (Dockerfile: USER node). */
const NODE_UID = 1000;
/** The `postgres` user of the PgBouncer image. */
const PGBOUNCER_UID = 70;

/** Every Secret a deployment needs; the operator makes them (README, "Kubernetes"). */
export const secretName = (subgraph: string) => `civic-${subgraph}`;
export const SHARED_SECRETS = { postgres: 'civic-postgres', gateway: 'civic-gateway', metrics: 'civic-metrics' } as const;
export const SETTINGS = 'civic-settings';

const labels = (name: string, component: string) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/component': component,
  'app.kubernetes.io/part-of': 'civic-graph',
});
const select = (name: string) => ({ 'app.kubernetes.io/name': name });
const meta = (name: string, component: string, extra: Manifest = {}) => ({ name, labels: labels(name, component), ...extra });

const fromSecret = (name: string, secret: string, key = name, optional = false) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key, ...(optional ? { optional: true } : {}) } },
});
const fromSettings = (name: string, optional = false) => ({
  name,
  valueFrom: { configMapKeyRef: { name: SETTINGS, key: name, ...(optional ? { optional: true } : {}) } },
});
const value = (name: string, v: string | number) => ({ name, value: String(v) });

const nodeCommand = (entry: string) => ['node', '--import', 'tsx', entry];
const containerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
const podSecurity = (uid: number) => ({ runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } });
/** tsx keeps its compile cache in the temporary folder: the only place the image writes. */
const tmp = { volume: { name: 'tmp', emptyDir: {} }, mount: { name: 'tmp', mountPath: '/tmp' } };

/** /healthz (the process answers) and /readyz (its database or subgraphs answer: README, "Liveness and readiness"). */
const probes = {
  startupProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
};
const serviceResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };

function service(name: string, component: string, port: number): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, component),
    spec: { selector: select(name), ports: [{ name: component === 'pgbouncer' || component === 'database' ? 'postgres' : 'http', port, targetPort: port }] },
  };
}

function autoscaler(name: string, component: string, min: number, max: number): Manifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(name, component),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

function disruptionBudget(name: string, component: string): Manifest {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(name, component),
    spec: { maxUnavailable: 1, selector: { matchLabels: select(name) } },
  };
}

/** Prometheus, in the `monitoring` namespace, scrapes /metrics with CIVIC_METRICS_TOKEN on the service's own port. */
const prometheus = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
};
/** The OpenTelemetry collector, in the `monitoring` namespace too, takes traces over OTLP/HTTP (README, "Tracing"). */
const collector = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'opentelemetry-collector' } },
};
export const OTLP_HTTP_PORT = 4318;
const tcp = (port: number) => ({ protocol: 'TCP', port });

function networkPolicy(name: string, component: string, spec: { ingress?: Manifest[]; egress?: Manifest[] }): Manifest {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(name, component),
    spec: { podSelector: { matchLabels: select(name) }, policyTypes: ['Ingress', 'Egress'], ingress: spec.ingress ?? [], egress: spec.egress ?? [] },
  };
}
const toPods = (name: string, port: number) => ({ to: [{ podSelector: { matchLabels: select(name) } }], ports: [tcp(port)] });

/** URLs from the passwords in the subgraph's Secret ($(VAR) is Kubernetes' own expansion of an earlier variable). */
const roleUrl = (role: string, passwordVariable: string, host: string, port: number) => `postgres://${role}:$(${passwordVariable})@${host}:${port}/civic`;

export const pgbouncerName = (subgraph: string) => `${subgraph}-pgbouncer`;
export const migrationName = (subgraph: string) => `${subgraph}-migrate`;

/**
 * PgBouncer in transaction mode, one per subgraph: its pods are the only ones that
 * may reach it, it logs in as the subgraph's serving role alone, and it caps that
 * subgraph's server connections however far the subgraph scales out.
 */
export const PGBOUNCER_SETTINGS = { max_client_conn: 200, default_pool_size: 8, reserve_pool_size: 2, max_db_connections: 10 };

export function pgbouncerIni(subgraph: string): string {
  const s = PGBOUNCER_SETTINGS;
  return [
    `; ${subgraph}'s PgBouncer (graph/k8s/manifests.ts). Transaction mode: a server connection`,
    '; belongs to a client for one transaction only, so nothing may rely on session state:',
    '; no session advisory locks (migrations run in their Job, straight to PostgreSQL), no',
    '; session SET (the replay guard uses SET LOCAL), no LISTEN, no named prepared statements.',
    '[databases]',
    `civic = host=postgres port=${POSTGRES_PORT} dbname=civic`,
    '',
    '[pgbouncer]',
    'listen_addr = 0.0.0.0',
    `listen_port = ${PGBOUNCER_PORT}`,
    'auth_type = scram-sha-256',
    'auth_file = /etc/pgbouncer/auth/userlist.txt',
    'pool_mode = transaction',
    `max_client_conn = ${s.max_client_conn}`,
    `default_pool_size = ${s.default_pool_size}`,
    `reserve_pool_size = ${s.reserve_pool_size}`,
    `max_db_connections = ${s.max_db_connections}`,
    'server_tls_sslmode = prefer',
    'ignore_startup_parameters = extra_float_digits',
    'admin_users =',
    'stats_users =',
    '',
  ].join('\n');
}

/** HTTPS to the internet, not to private, link-local (cloud metadata) or in-cluster addresses: where partners' webhooks go. */
const partnersWebhooks: Manifest = {
  to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10', '127.0.0.0/8'] } }],
  ports: [tcp(443)],
};

export function subgraphManifests(subgraph: DeployedSubgraph): Manifest[] {
  const { name, port } = subgraph;
  const n = subgraphNames(name);
  const roles = schemaRoles(n.dbSchema);
  const secret = secretName(name);
  const pgbouncer = pgbouncerName(name);
  const migrate = migrationName(name);
  const entry = `subgraphs/${name}/src/index.ts`;
  const common = [fromSettings('NODE_ENV'), fromSettings('LOG_LEVEL'), fromSettings('OTEL_EXPORTER_OTLP_ENDPOINT', true)];
  const dataKey = name === 'directory' ? [fromSecret('CIVIC_DATA_KEY', secret)] : [];

  const deployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, 'subgraph'),
    spec: {
      selector: { matchLabels: select(name) },
      // A new pod is ready only once its migration Job has run (/readyz: "migrations pending"), and no old one goes before.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(name, 'subgraph') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity(NODE_UID),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name,
              image: IMAGE,
              command: nodeCommand(entry),
              ports: [{ name: 'http', containerPort: port }],
              env: [
                ...common,
                fromSettings('DB_POOL_SIZE'),
                value('HOST', '0.0.0.0'),
                value('PORT', port),
                // Migrated by its Job; served through PgBouncer, where a session advisory lock would not hold.
                value('CIVIC_MIGRATIONS', 'skip'),
                value('CIVIC_GATEWAY_URL', `http://gateway:${GATEWAY_PORT}/`),
                fromSecret('CIVIC_SUBGRAPH_SECRET', secret),
                fromSecret('CIVIC_DB_PASSWORD', secret),
                value('DATABASE_URL', roleUrl(roles.serving, 'CIVIC_DB_PASSWORD', pgbouncer, PGBOUNCER_PORT)),
                ...dataKey,
                fromSecret('CIVIC_METRICS_TOKEN', SHARED_SECRETS.metrics),
              ],
              ...probes,
              resources: serviceResources,
              securityContext: containerSecurity,
              volumeMounts: [tmp.mount],
            },
          ],
          volumes: [tmp.volume],
        },
      },
    },
  };

  const pgbouncerConfig: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(pgbouncer, 'pgbouncer'),
    data: { 'pgbouncer.ini': pgbouncerIni(name) },
  };

  const pgbouncerDeployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(pgbouncer, 'pgbouncer'),
    spec: {
      replicas: 1,
      selector: { matchLabels: select(pgbouncer) },
      template: {
        metadata: { labels: labels(pgbouncer, 'pgbouncer') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity(PGBOUNCER_UID),
          // The serving role's login, written from its Secret (a password file PgBouncer reads; never in the ConfigMap).
          initContainers: [
            {
              name: 'userlist',
              image: PGBOUNCER_IMAGE,
              command: ['sh', '-c', `printf '"%s" "%s"\\n' "${roles.serving}" "$CIVIC_DB_PASSWORD" > /etc/pgbouncer/auth/userlist.txt`],
              env: [fromSecret('CIVIC_DB_PASSWORD', secret)],
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
              securityContext: containerSecurity,
              volumeMounts: [{ name: 'auth', mountPath: '/etc/pgbouncer/auth' }],
            },
          ],
          containers: [
            {
              name: 'pgbouncer',
              image: PGBOUNCER_IMAGE,
              command: ['pgbouncer', '/etc/pgbouncer/config/pgbouncer.ini'],
              ports: [{ name: 'postgres', containerPort: PGBOUNCER_PORT }],
              livenessProbe: { tcpSocket: { port: 'postgres' }, periodSeconds: 10, failureThreshold: 3 },
              readinessProbe: { tcpSocket: { port: 'postgres' }, periodSeconds: 5, failureThreshold: 2 },
              resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
              securityContext: containerSecurity,
              volumeMounts: [
                { name: 'config', mountPath: '/etc/pgbouncer/config', readOnly: true },
                { name: 'auth', mountPath: '/etc/pgbouncer/auth', readOnly: true },
                tmp.mount,
              ],
            },
          ],
          volumes: [{ name: 'config', configMap: { name: pgbouncer } }, { name: 'auth', emptyDir: { medium: 'Memory' } }, tmp.volume],
        },
      },
    },
  };

  const job: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(migrate, 'migration', {
      annotations: {
        // Argo CD runs it before the rollout; applied by kubectl, the new pods stay unready until it is done.
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        'argocd.argoproj.io/sync-wave': '-1',
      },
    }),
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 1800,
      // Deleted after a while, so that the next `kubectl apply` makes it anew for the new image (a Job's pod template cannot change).
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: labels(migrate, 'migration') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurity(NODE_UID),
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              command: nodeCommand(entry),
              env: [
                ...common,
                // The schema's advisory lock is a session's: straight to PostgreSQL, never through PgBouncer.
                value('CIVIC_MIGRATIONS', 'only'),
                fromSecret('CIVIC_DB_PASSWORD', secret),
                fromSecret('CIVIC_DB_OWNER_PASSWORD', secret),
                value('DATABASE_URL', roleUrl(roles.serving, 'CIVIC_DB_PASSWORD', 'postgres', POSTGRES_PORT)),
                value('MIGRATION_DATABASE_URL', roleUrl(roles.owner, 'CIVIC_DB_OWNER_PASSWORD', 'postgres', POSTGRES_PORT)),
                // The directory's migrations encrypt ID numbers with it.
                ...dataKey,
              ],
              resources: serviceResources,
              securityContext: containerSecurity,
              volumeMounts: [tmp.mount],
            },
          ],
          volumes: [tmp.volume],
        },
      },
    },
  };

  return [
    deployment,
    service(name, 'subgraph', port),
    autoscaler(name, 'subgraph', 1, 2),
    disruptionBudget(name, 'subgraph'),
    networkPolicy(name, 'subgraph', {
      // Only the gateway calls it (and Prometheus scrapes /metrics with its token).
      ingress: [{ from: [{ podSelector: { matchLabels: select('gateway') } }, prometheus], ports: [tcp(port)] }],
      // Its own PgBouncer, and the gateway for its questions about other subgraphs' entities;
      // the directory also POSTs partners' webhooks over HTTPS, to public addresses only.
      egress: [toPods(pgbouncer, PGBOUNCER_PORT), toPods('gateway', GATEWAY_PORT), ...(name === 'directory' ? [partnersWebhooks] : [])],
    }),
    job,
    networkPolicy(migrate, 'migration', { egress: [toPods('postgres', POSTGRES_PORT)] }),
    pgbouncerConfig,
    pgbouncerDeployment,
    service(pgbouncer, 'pgbouncer', PGBOUNCER_PORT),
    disruptionBudget(pgbouncer, 'pgbouncer'),
    networkPolicy(pgbouncer, 'pgbouncer', {
      ingress: [{ from: [{ podSelector: { matchLabels: select(name) } }], ports: [tcp(PGBOUNCER_PORT)] }],
      egress: [toPods('postgres', POSTGRES_PORT)],
    }),
  ];
}

export function gatewayManifests(subgraphs: DeployedSubgraph[]): Manifest[] {
  const perSubgraph = subgraphs.flatMap(({ name, port }) => {
    const env = subgraphNames(name).env;
    return [value(`SUBGRAPH_URL_${env}`, `http://${name}:${port}/`), fromSecret(`CIVIC_SUBGRAPH_SECRET_${env}`, secretName(name), 'CIVIC_SUBGRAPH_SECRET')];
  });
  const deployment: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('gateway', 'gateway'),
    spec: {
      selector: { matchLabels: select('gateway') },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels('gateway', 'gateway') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity(NODE_UID),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: 'gateway',
              image: IMAGE,
              command: nodeCommand('gateway/src/index.ts'),
              ports: [{ name: 'http', containerPort: GATEWAY_PORT }],
              env: [
                fromSettings('NODE_ENV'),
                fromSettings('LOG_LEVEL'),
                fromSettings('OTEL_EXPORTER_OTLP_ENDPOINT', true),
                value('HOST', '0.0.0.0'),
                value('PORT', GATEWAY_PORT),
                fromSettings('SUBGRAPH_TIMEOUT_MS'),
                fromSettings('CIVIC_OPERATIONS'),
                // Production tokens come from the identity provider's key set; either may be unset (gateway/src/config.ts refuses neither).
                fromSettings('CIVIC_JWKS_URL', true),
                fromSettings('CIVIC_JWT_ISSUER', true),
                fromSettings('CIVIC_JWT_AUDIENCE', true),
                fromSecret('CIVIC_JWT_SECRET', SHARED_SECRETS.gateway, 'CIVIC_JWT_SECRET', true),
                ...perSubgraph,
                fromSecret('CIVIC_METRICS_TOKEN', SHARED_SECRETS.metrics),
              ],
              ...probes,
              resources: serviceResources,
              securityContext: containerSecurity,
              volumeMounts: [tmp.mount],
            },
          ],
          volumes: [tmp.volume],
        },
      },
    },
  };
  return [
    deployment,
    service('gateway', 'gateway', GATEWAY_PORT),
    autoscaler('gateway', 'gateway', 1, 3),
    disruptionBudget('gateway', 'gateway'),
    networkPolicy('gateway', 'gateway', {
      // The graph's public entry: clients come through the cluster's ingress from anywhere.
      ingress: [{ ports: [tcp(GATEWAY_PORT)] }],
      // Every subgraph on its port, and the identity provider's key set over HTTPS.
      egress: [...subgraphs.map(({ name, port }) => toPods(name, port)), { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [tcp(443)] }],
    }),
  ];
}

/** The one-shot provisioning of every subgraph's roles (scripts/db-roles.ts), as the administrator, before the migrations. */
export function provisioningManifests(subgraphs: DeployedSubgraph[]): Manifest[] {
  const passwords = subgraphs.flatMap(({ name }) => {
    const env = subgraphNames(name).env;
    return [
      fromSecret(`CIVIC_DB_PASSWORD_${env}`, secretName(name), 'CIVIC_DB_PASSWORD'),
      fromSecret(`CIVIC_DB_OWNER_PASSWORD_${env}`, secretName(name), 'CIVIC_DB_OWNER_PASSWORD'),
    ];
  });
  const job: Manifest = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('db-roles', 'provisioning', {
      annotations: {
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        'argocd.argoproj.io/sync-wave': '-2',
      },
    }),
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 600,
      template: {
        metadata: { labels: labels('db-roles', 'provisioning') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurity(NODE_UID),
          containers: [
            {
              name: 'db-roles',
              image: IMAGE,
              command: nodeCommand('scripts/db-roles.ts'),
              env: [
                fromSettings('NODE_ENV'),
                fromSettings('LOG_LEVEL'),
                fromSecret('POSTGRES_PASSWORD', SHARED_SECRETS.postgres),
                value('DATABASE_URL', `postgres://civic:$(POSTGRES_PASSWORD)@postgres:${POSTGRES_PORT}/civic`),
                ...passwords,
              ],
              resources: serviceResources,
              securityContext: containerSecurity,
              volumeMounts: [tmp.mount],
            },
          ],
          volumes: [tmp.volume],
        },
      },
    },
  };
  return [job, networkPolicy('db-roles', 'provisioning', { egress: [toPods('postgres', POSTGRES_PORT)] })];
}

/**
 * One PostgreSQL for every schema, as docker-compose.yml runs it. `max_connections`
 * is what the sizing rule (README, "Connections") is checked against; an operator
 * with a managed server points the PgBouncers and migration Jobs there instead.
 */
export const MAX_CONNECTIONS = 200;

export function databaseManifests(): Manifest[] {
  const statefulSet: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('postgres', 'database'),
    spec: {
      serviceName: 'postgres',
      replicas: 1,
      selector: { matchLabels: select('postgres') },
      template: {
        metadata: { labels: labels('postgres', 'database') },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { fsGroup: 999 },
          containers: [
            {
              name: 'postgres',
              image: POSTGRES_IMAGE,
              args: ['-c', `max_connections=${MAX_CONNECTIONS}`],
              ports: [{ name: 'postgres', containerPort: POSTGRES_PORT }],
              env: [value('POSTGRES_USER', 'civic'), fromSecret('POSTGRES_PASSWORD', SHARED_SECRETS.postgres), value('POSTGRES_DB', 'civic')],
              livenessProbe: { exec: { command: ['pg_isready', '-U', 'civic', '-d', 'civic'] }, periodSeconds: 10, failureThreshold: 6 },
              readinessProbe: { exec: { command: ['pg_isready', '-U', 'civic', '-d', 'civic'] }, periodSeconds: 5, failureThreshold: 3 },
              resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }],
    },
  };
  const clients = {
    podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['pgbouncer', 'migration', 'provisioning'] }] },
  };
  // Headless: the StatefulSet's pod gets its own stable name (postgres-0.postgres), and `postgres` resolves to it.
  const headless = service('postgres', 'database', POSTGRES_PORT);
  headless.spec.clusterIP = 'None';
  return [
    statefulSet,
    headless,
    // The subgraphs' PgBouncers, their migration Jobs and the provisioning Job; no subgraph pod directly.
    networkPolicy('postgres', 'database', { ingress: [{ from: [clients], ports: [tcp(POSTGRES_PORT)] }] }),
  ];
}

/** What every pod shares: the settings ConfigMap, no traffic but what a policy allows, and DNS. */
export function sharedManifests(): Manifest[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(SETTINGS, 'settings'),
      data: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        // Connections per subgraph pod (DB_POOL_SIZE), to its PgBouncer; the sizing rule is in the README.
        DB_POOL_SIZE: '5',
        SUBGRAPH_TIMEOUT_MS: '10000',
        CIVIC_JWKS_URL: '',
        CIVIC_JWT_ISSUER: '',
        CIVIC_JWT_AUDIENCE: '',
        // The gateway serves only registered operations (README, "The operation safelist").
        CIVIC_OPERATIONS: 'safelist',
        // The collector's OTLP/HTTP base URL, e.g. http://opentelemetry-collector.monitoring:4318; empty: no tracing (README, "Tracing").
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('default-deny', 'network'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('allow-otlp', 'network'),
      spec: {
        // What serves requests sends its spans to the collector; nothing else does.
        podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/component', operator: 'In', values: ['gateway', 'subgraph'] }] },
        policyTypes: ['Egress'],
        egress: [{ to: [collector], ports: [tcp(OTLP_HTTP_PORT)] }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('allow-dns', 'network'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
            ],
            ports: [{ protocol: 'UDP', port: 53 }, tcp(53)],
          },
        ],
      },
    },
  ];
}
