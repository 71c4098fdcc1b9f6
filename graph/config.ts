import { parseArgs } from 'node:util';
import { z } from 'zod';
import { chinaToday, loadConfig, SEED_SIZES, subgraphDatabaseSettings, SubgraphDatabaseSettings } from '@civic/shared';
import { gatewayEnv } from '@civic/gateway/src/config';
import { isLocal, readRegistry } from './registry';

/** `npm start`: the gateway's variables plus where the embedded database lives and what to seed. */
export const launchEnv = gatewayEnv.extend({
  /** the gateway's port; unset: 4000, or a free one with CIVIC_PORTS=free */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** the embedded PostgreSQL's files, kept between runs (`npm run db:reset` deletes them) */
  CIVIC_DATA_DIR: z.string().default('.data/postgres'),
  CIVIC_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  CIVIC_SEED: z.coerce.number().int().default(20261123),
  CIVIC_SEED_SIZE: z.enum(SEED_SIZES).default('demo'),
  /** the seed's reference day (history ends on it): today in China unless fixed, so a seed is reproducible given both */
  CIVIC_SEED_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day, YYYY-MM-DD')
    .default(() => chinaToday()),
  /** 'free' puts every service on a free port (for running a second copy beside the first) */
  CIVIC_PORTS: z.enum(['fixed', 'free']).default('fixed'),
  /**
   * `one`: every service in one Node process (the default: on 2 cores it serves as
   * much for less CPU); `processes`: each subgraph and the gateway in a Node process of
   * its own, to use more cores (README, "Topology"). `npm start -- --topology processes`.
   */
  CIVIC_TOPOLOGY: z.enum(['one', 'processes']).default('one'),
});
export type LaunchConfig = z.infer<typeof launchEnv> & {
  /**
   * Each registered subgraph's own server and pool (DATABASE_URL_<NAME>, DB_POOL_SIZE_<NAME>,
   * defaulting to DATABASE_URL and DB_POOL_SIZE); a subgraph with no URL at all uses the embedded server.
   */
  databases: Record<string, SubgraphDatabaseSettings>;
};

export function loadLaunchConfig(env: NodeJS.ProcessEnv = process.env): LaunchConfig {
  const config = loadConfig(launchEnv, env);
  const names = readRegistry()
    .filter(isLocal)
    .map((entry) => entry.name);
  return { ...config, databases: subgraphDatabaseSettings(names, config, env) };
}

/** The launch config, with `--size`, `--seed`, `--today` and `--topology` on the command line overriding the environment. */
export function launchConfigFromArgs(args: string[] = process.argv.slice(2)): LaunchConfig {
  const { values } = parseArgs({
    args,
    options: { size: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, topology: { type: 'string' } },
  });
  return loadLaunchConfig({
    ...process.env,
    ...(values.size ? { CIVIC_SEED_SIZE: values.size } : {}),
    ...(values.seed ? { CIVIC_SEED: values.seed } : {}),
    ...(values.today ? { CIVIC_SEED_TODAY: values.today } : {}),
    ...(values.topology ? { CIVIC_TOPOLOGY: values.topology } : {}),
  });
}
