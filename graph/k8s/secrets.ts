import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { DeployedSubgraph, Manifest, secretName, SHARED_SECRETS } from './manifests';

/**
 * The Secrets the base refers to, with fresh random values: each subgraph's own
 * (its signing secret, shared with the gateway alone, and its two database roles'
 * passwords; the directory also the key its ID numbers are encrypted with), the
 * PostgreSQL administrator's, the gateway's development-token secret and the
 * metrics token. `npm run -s k8s:secrets | kubectl apply -n civic -f -` makes them
 * once; they are never in the repository.
 */
export function secretManifests(subgraphs: DeployedSubgraph[], random: (bytes: number) => Buffer = randomBytes): Manifest[] {
  const hex = () => random(24).toString('hex');
  const secret = (name: string, stringData: Record<string, string>): Manifest => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, labels: { 'app.kubernetes.io/part-of': 'civic-graph' } },
    type: 'Opaque',
    stringData,
  });
  return [
    secret(SHARED_SECRETS.postgres, { POSTGRES_PASSWORD: hex() }),
    secret(SHARED_SECRETS.gateway, { CIVIC_JWT_SECRET: random(32).toString('base64url') }),
    secret(SHARED_SECRETS.metrics, { CIVIC_METRICS_TOKEN: hex() }),
    ...subgraphs.map(({ name }) =>
      secret(secretName(name), {
        CIVIC_SUBGRAPH_SECRET: random(32).toString('base64url'),
        // URL-safe: they are written into connection URLs.
        CIVIC_DB_PASSWORD: hex(),
        CIVIC_DB_OWNER_PASSWORD: hex(),
        ...(name === 'directory' ? { CIVIC_DATA_KEY: random(32).toString('base64') } : {}),
      }),
    ),
  ];
}

export const secretsYaml = (subgraphs: DeployedSubgraph[]) =>
  secretManifests(subgraphs)
    .map((m) => stringify(m, { lineWidth: 0 }))
    .join('---\n');
