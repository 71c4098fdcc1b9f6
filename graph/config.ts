import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '@civic/shared';
import { gatewayEnv } from '@civic/gateway/src/config';

/** `npm start`: the gateway's variables plus where the embedded database lives and what to seed. */
export const launchEnv = gatewayEnv.extend({
  /** the gateway's port; unset: 4000, or a free one with CIVIC_PORTS=free */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** the embedded PostgreSQL's files, kept between runs (`npm run db:reset` deletes them) */
  CIVIC_DATA_DIR: z.string().default('.data/postgres'),
  CIVIC_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  CIVIC_SEED: z.coerce.number().int().default(20261123),
  CIVIC_SEED_SIZE: z.enum(['demo', 'city']).default('demo'),
  /** 'free' puts every service on a free port (for running a second copy beside the first) */
  CIVIC_PORTS: z.enum(['fixed', 'free']).default('fixed'),
});
export type LaunchConfig = z.infer<typeof launchEnv>;

export const loadLaunchConfig = (env: NodeJS.ProcessEnv = process.env): LaunchConfig => loadConfig(launchEnv, env);

/** The launch config, with `--size` and `--seed` on the command line overriding the environment. */
export function launchConfigFromArgs(args: string[] = process.argv.slice(2)): LaunchConfig {
  const { values } = parseArgs({ args, options: { size: { type: 'string' }, seed: { type: 'string' } } });
  return loadLaunchConfig({
    ...process.env,
    ...(values.size ? { CIVIC_SEED_SIZE: values.size } : {}),
    ...(values.seed ? { CIVIC_SEED: values.seed } : {}),
  });
}
