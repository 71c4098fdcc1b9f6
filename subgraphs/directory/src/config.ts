import { z } from 'zod';
import { ConfigError, DEFAULT_RETRY_POLICY, loadConfig, type RetryPolicy } from '@civic/shared';

const DEV_DATA_KEY = Buffer.alloc(32, 'civic-dev-data-key').toString('base64');
const whole = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const directoryEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** 32 bytes, base64: encrypts ID numbers and webhook secrets at rest (AES-256-GCM) and keys their digests */
  CIVIC_DATA_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64')
    .default(DEV_DATA_KEY),
  /** partners' webhooks: tries in all before a delivery is dead-lettered */
  WEBHOOK_MAX_ATTEMPTS: whole(1, 30, DEFAULT_RETRY_POLICY.maxAttempts),
  /** the wait after the n-th failed try is base·2ⁿ, capped */
  WEBHOOK_BACKOFF_BASE_MS: whole(100, 3_600_000, DEFAULT_RETRY_POLICY.baseMs),
  WEBHOOK_BACKOFF_CAP_MS: whole(1_000, 86_400_000, DEFAULT_RETRY_POLICY.capMs),
  /** how long one POST to a partner may take before it counts as failed */
  WEBHOOK_TIMEOUT_MS: whole(100, 60_000, 10_000),
});

export interface DirectoryConfig {
  dataKey: Buffer;
  /** https-only webhook endpoints */
  production: boolean;
  webhooks: { policy: RetryPolicy; timeoutMs: number };
}

let cached: DirectoryConfig | undefined;

/** The directory's own settings, read once: the key that protects personal data and secrets, and how partners' webhooks are retried. */
export function directoryConfig(): DirectoryConfig {
  if (!cached) {
    const config = loadConfig(directoryEnv);
    if (config.NODE_ENV === 'production' && config.CIVIC_DATA_KEY === DEV_DATA_KEY) {
      throw new ConfigError('invalid configuration: CIVIC_DATA_KEY must be set in production');
    }
    cached = {
      dataKey: Buffer.from(config.CIVIC_DATA_KEY, 'base64'),
      production: config.NODE_ENV === 'production',
      webhooks: {
        policy: { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, baseMs: config.WEBHOOK_BACKOFF_BASE_MS, capMs: config.WEBHOOK_BACKOFF_CAP_MS },
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      },
    };
  }
  return cached;
}
