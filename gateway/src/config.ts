import path from 'node:path';
import { z } from 'zod';
import { baseEnv, ConfigError, DEV_JWT_SECRET, loadConfig } from '@civic/shared';

export const SUPERGRAPH_FILE = path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

export const gatewayEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** HS256 secret for development tokens (`npm run token`). */
  CIVIC_JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
  /** The identity provider's JSON Web Key Set, for production tokens (RS256, ES256, …). */
  CIVIC_JWKS_URL: z.string().url().optional(),
  /** Each subgraph call is abandoned after this long; the gateway has no limit of its own. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_FILE),
  BODY_LIMIT: z.string().default('100kb'),
});
export type GatewayConfig = z.infer<typeof gatewayEnv>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayEnv, env);
  if (config.NODE_ENV === 'production' && config.CIVIC_JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('invalid configuration: CIVIC_JWT_SECRET must be set in production');
  }
  return config;
}

/**
 * Where each subgraph is, when not where the supergraph says (in containers, the
 * service's host name): SUBGRAPH_URL_ELDER_CARE=http://elder-care:4002/ and so on.
 * Likewise CIVIC_SUBGRAPH_SECRET_ELDER_CARE overrides a derived signing secret.
 */
export function perSubgraphEnv(prefix: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && value) result[key.slice(prefix.length).toLowerCase().replace(/_/g, '-')] = value;
  }
  return result;
}
