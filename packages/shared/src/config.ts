import { z } from 'zod';

/**
 * The one place that reads process.env. Each service validates its variables once
 * at start-up and fails fast with a line per problem, rather than failing later on
 * the first request that needs the missing value.
 */
export class ConfigError extends Error {}

export const DEV_INTERNAL_SECRET = 'civic-dev-internal-secret-not-for-production';
export const DEV_JWT_SECRET = 'civic-dev-jwt-secret-not-for-production-use';

/** A postgres:// URL, or unset; empty (as shells and compose files write "unset") means unset. */
export const optionalPostgresUrl = () =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  );

const poolSize = z.coerce.number().int().min(1).max(100);

/**
 * Tracing (README, "Tracing"): read by tracing/register.ts before anything else
 * loads, since the SDK must start before the modules it instruments; part of every
 * service's config too, so that a bad value is refused like any other.
 */
export const tracingEnv = z.object({
  /** an OTLP/HTTP collector's base URL (traces go to <it>/v1/traces); unset: no tracing, and no OpenTelemetry SDK loaded */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
});

export const baseEnv = tracingEnv.extend({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** When set, this PostgreSQL is used and nothing embedded starts. */
  DATABASE_URL: optionalPostgresUrl(),
  /** Connections per subgraph pool (DB_POOL_SIZE_<NAME> sets one subgraph's: subgraphDatabaseSettings). */
  DB_POOL_SIZE: poolSize.default(10),
  /**
   * Master secret from which each subgraph's request-signing secret is derived.
   * Only what signs for every subgraph holds it (the gateway, `npm start`): a
   * deployed subgraph gets its own CIVIC_SUBGRAPH_SECRET instead.
   */
  CIVIC_INTERNAL_SECRET: z.string().min(32).default(DEV_INTERNAL_SECRET),
  /**
   * The bearer token /metrics asks for (README, "Metrics"). In production /metrics
   * is served only with one; in development it is open unless one is set.
   */
  CIVIC_METRICS_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(32).optional()),
});

export type BaseConfig = z.infer<typeof baseEnv>;

/** A subgraph's name as its variables carry it: elder-care → ELDER_CARE. */
export const subgraphEnvName = (subgraph: string): string => subgraph.toUpperCase().replace(/-/g, '_');

/** The variables by which one subgraph's database settings differ from the graph's (README, "Environment"). */
export const subgraphDatabaseVariables = (subgraph: string) => ({
  url: `DATABASE_URL_${subgraphEnvName(subgraph)}`,
  poolSize: `DB_POOL_SIZE_${subgraphEnvName(subgraph)}`,
});

/** Where one subgraph's data lives and how many connections it keeps. */
export interface SubgraphDatabaseSettings {
  /** DATABASE_URL_<NAME>, else DATABASE_URL; unset: the embedded server (npm start, tests) */
  url?: string;
  /** DB_POOL_SIZE_<NAME>, else DB_POOL_SIZE */
  poolSize: number;
}

/**
 * Each subgraph's own database URL and pool size, validated once with the rest of
 * a service's config: `DATABASE_URL_<NAME>` and `DB_POOL_SIZE_<NAME>` where set,
 * else the graph-wide `DATABASE_URL` and `DB_POOL_SIZE`. So a domain moves to a
 * server of its own (or a managed or distributed PostgreSQL) by configuration alone.
 */
export function subgraphDatabaseSettings(
  subgraphs: string[],
  defaults: Pick<BaseConfig, 'DATABASE_URL' | 'DB_POOL_SIZE'>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, SubgraphDatabaseSettings> {
  const variables = subgraphs.map((name) => ({ name, ...subgraphDatabaseVariables(name) }));
  const shape = Object.fromEntries(
    variables.flatMap((v) => [
      [v.url, optionalPostgresUrl()],
      [v.poolSize, poolSize.optional()],
    ]),
  );
  const own = loadConfig(z.object(shape), env) as Record<string, string | number | undefined>;
  return Object.fromEntries(
    variables.map((v) => [
      v.name,
      { url: (own[v.url] as string | undefined) ?? defaults.DATABASE_URL, poolSize: (own[v.poolSize] as number | undefined) ?? defaults.DB_POOL_SIZE },
    ]),
  );
}

export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Read outside any service schema: the logger needs its level before config is validated. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info');
}
