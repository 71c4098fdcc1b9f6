import { z } from 'zod';
import { ConfigError, loadConfig } from '@civic/shared';

const DEV_DATA_KEY = Buffer.alloc(32, 'civic-dev-data-key').toString('base64');

const directoryEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** 32 bytes, base64: encrypts ID numbers at rest (AES-256-GCM) and keys their digests */
  CIVIC_DATA_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64')
    .default(DEV_DATA_KEY),
});

let cached: { dataKey: Buffer } | undefined;

/** The directory's own settings, read once: the key that protects personal data. */
export function directoryConfig(): { dataKey: Buffer } {
  if (!cached) {
    const config = loadConfig(directoryEnv);
    if (config.NODE_ENV === 'production' && config.CIVIC_DATA_KEY === DEV_DATA_KEY) {
      throw new ConfigError('invalid configuration: CIVIC_DATA_KEY must be set in production');
    }
    cached = { dataKey: Buffer.from(config.CIVIC_DATA_KEY, 'base64') };
  }
  return cached;
}
