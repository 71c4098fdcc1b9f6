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
  z.preprocess((value) => (value === '' ? undefined : value), z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional());

export const baseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** When set, this PostgreSQL is used and nothing embedded starts. */
  DATABASE_URL: optionalPostgresUrl(),
  /** Connections per subgraph pool. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
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
