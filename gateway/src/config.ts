import path from 'node:path';
import type { TokenSettings } from './auth';
import { z } from 'zod';
import { DEFAULT_SUBGRAPH_CONNECTIONS } from './subgraphClient';
import { baseEnv, ConfigError, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, loadConfig, subgraphSecret } from '@civic/shared';

export const SUPERGRAPH_FILE = path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
/** The registered operations `npm run compose` writes (schema/src/safelist.ts). */
/** Noto Sans CJK SC from Debian's fonts-noto-cjk (`fc-list :lang=zh`). */
export const DEFAULT_CERTIFICATE_FONT = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' };

export const SAFELIST_FILE = path.join(__dirname, '..', '..', 'schema', 'safelist.json');

// Compose files pass an optional variable on as empty (`${CIVIC_JWKS_URL:-}`): that means unset.
function unsetWhenEmpty<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

export const gatewayEnv = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** HS256 secret for development tokens (`npm run token`); unused in production with a JWKS URL. */
  CIVIC_JWT_SECRET: unsetWhenEmpty(z.string().min(32).default(DEV_JWT_SECRET)),
  /** The identity provider's JSON Web Key Set, for production tokens (RS256, ES256, …). */
  CIVIC_JWKS_URL: unsetWhenEmpty(z.string().url().optional()),
  /** When set, every token's `iss` must be this (the identity provider's issuer). */
  CIVIC_JWT_ISSUER: unsetWhenEmpty(z.string().min(1).optional()),
  /** When set, every token's `aud` must name this (the graph, as registered with the provider). */
  CIVIC_JWT_AUDIENCE: unsetWhenEmpty(z.string().min(1).optional()),
  /** Each subgraph call is abandoned after this long; the gateway has no limit of its own. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Kept-alive connections the gateway holds to each subgraph at most: about the
   * calls in flight to one subgraph at the busiest (a DistrictDashboard makes one to
   * each domain per client request); calls beyond it wait for a free connection.
   */
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(DEFAULT_SUBGRAPH_CONNECTIONS),
  SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_FILE),
  BODY_LIMIT: z.string().default('100kb'),
  /**
   * `all` (the default, for development and the playground): any valid operation.
   * `safelist`: only the registered operations of CIVIC_SAFELIST_PATH, by document or
   * hash; the recommended production mode for dashboards (README, "Operation safelist").
   */
  CIVIC_OPERATIONS: unsetWhenEmpty(z.enum(['all', 'safelist']).default('all')),
  CIVIC_SAFELIST_PATH: z.string().default(SAFELIST_FILE),
  /** `on` (the default): whole answers kept as the subgraphs' cache hints allow (README, "Caching answers"); `off`: every query asks the subgraphs */
  CIVIC_RESPONSE_CACHE: unsetWhenEmpty(z.enum(['on', 'off']).default('on')),
  /** the CJK font hours certificates are drawn in (a .ttf, .otf or .ttc; Debian's fonts-noto-cjk by default) */
  CIVIC_CERTIFICATE_FONT: unsetWhenEmpty(
    z
      .string()
      .regex(/^\/.+\.(ttf|otf|ttc)$/i, 'must be an absolute path to a .ttf, .otf or .ttc font')
      .default(DEFAULT_CERTIFICATE_FONT.path),
  ),
  /** the face in a .ttc collection, by its PostScript name */
  CIVIC_CERTIFICATE_FONT_FACE: unsetWhenEmpty(
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,63}$/)
      .default(DEFAULT_CERTIFICATE_FONT.face),
  ),
  /** the gateway's public address, printed on certificates as their /verify URL; unset, each request's own origin */
  CIVIC_PUBLIC_URL: unsetWhenEmpty(z.string().url().optional()),
});
export type GatewayConfig = z.infer<typeof gatewayEnv>;

/** The token settings of a loaded config. */
export const tokenSettings = (
  config: Pick<GatewayConfig, 'CIVIC_JWT_SECRET' | 'CIVIC_JWKS_URL' | 'CIVIC_JWT_ISSUER' | 'CIVIC_JWT_AUDIENCE'>,
): TokenSettings => ({
  secret: config.CIVIC_JWT_SECRET,
  jwksUrl: config.CIVIC_JWKS_URL,
  issuer: config.CIVIC_JWT_ISSUER,
  audience: config.CIVIC_JWT_AUDIENCE,
});

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(gatewayEnv, env);
  // With a JWKS URL, production refuses HS256 tokens (auth.ts), so the secret is not needed.
  if (config.NODE_ENV === 'production' && !config.CIVIC_JWKS_URL && config.CIVIC_JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('invalid configuration: CIVIC_JWT_SECRET (or CIVIC_JWKS_URL) must be set in production');
  }
  return config;
}

/** The subgraphs a supergraph calls, by service name (its join__Graph values). */
export function supergraphServices(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((match) => match[1]);
}

/**
 * The secret the gateway signs each subgraph's requests with: its own
 * CIVIC_SUBGRAPH_SECRET_<NAME> when set (a deployment gives each subgraph only its
 * own), else derived from CIVIC_INTERNAL_SECRET, which only the gateway holds. In
 * production a subgraph with neither refuses the start, naming it: the development
 * master secret is public.
 */
export function subgraphSigningSecrets(
  services: string[],
  config: Pick<GatewayConfig, 'NODE_ENV' | 'CIVIC_INTERNAL_SECRET'>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const explicit = perSubgraphEnv('CIVIC_SUBGRAPH_SECRET_', env);
  const production = config.NODE_ENV === 'production';
  const masterSet = config.CIVIC_INTERNAL_SECRET !== DEV_INTERNAL_SECRET;
  const problems: string[] = [];
  const secrets: Record<string, string> = {};
  for (const name of services) {
    const variable = `CIVIC_SUBGRAPH_SECRET_${name.toUpperCase().replace(/-/g, '_')}`;
    const own = explicit[name];
    if (own !== undefined && own.length < 32) problems.push(`${variable}: must be at least 32 characters`);
    else if (own === undefined && production && !masterSet) problems.push(`${variable} (or CIVIC_INTERNAL_SECRET) must be set in production`);
    secrets[name] = own ?? subgraphSecret(config.CIVIC_INTERNAL_SECRET, name);
  }
  if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return secrets;
}

/**
 * Where each subgraph is, when not where the supergraph says (in containers, the
 * service's host name): SUBGRAPH_URL_ELDER_CARE=http://elder-care:4002/ and so on.
 * Likewise CIVIC_SUBGRAPH_SECRET_ELDER_CARE gives a subgraph's own signing secret.
 */
export function perSubgraphEnv(prefix: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(prefix) && value) result[key.slice(prefix.length).toLowerCase().replace(/_/g, '-')] = value;
  }
  return result;
}
