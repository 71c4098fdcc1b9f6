import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { GraphServices } from './subgraphModule';

/**
 * Work a subgraph does on its own clock rather than for a request: the time bank's
 * sweep of due pending hours, the key store's retention. Declared by the module
 * (`SubgraphModule.jobs`), run by the subgraph's runtime while it serves and
 * stopped before its pool closes, so no job ever runs against a closed database or
 * keeps a stopped process alive.
 */
export interface BackgroundJob {
  name: string;
  everyMs: number;
  /** also run once as soon as the subgraph serves (not only after the first period) */
  runAtStart?: boolean;
  /** `services`: the gateway's URL and this subgraph's own credentials, to ask or tell the graph as itself */
  run(db: DataSource, services: GraphServices): Promise<unknown>;
}

/**
 * The job a statement runs for, while a job runs (its name): so that a test counting
 * a request's statements (testing/statements.ts) does not count the relay's or a
 * sweep's that happen to run beside it.
 */
export const backgroundJobScope = new AsyncLocalStorage<string>();

export interface RunningJobs {
  /** stops every timer and waits for runs in flight to finish */
  stop(): Promise<void>;
}

/**
 * Starts the jobs: one timer each, never overlapping itself (a run that outlasts
 * its period skips the ticks it covers), a failure logged and the next tick tried.
 */
export function startJobs(jobs: readonly BackgroundJob[], db: DataSource, services: GraphServices, log: Logger): RunningJobs {
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let running = false;
    const tick = () => {
      if (stopped || running) return;
      running = true;
      const run = backgroundJobScope
        .run(job.name, () => job.run(db, services))
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: error, job: job.name }, `the background job ${job.name} failed`),
        )
        .finally(() => {
          running = false;
          inFlight.delete(run);
        });
      inFlight.add(run);
    };
    const timer = setInterval(tick, job.everyMs);
    // A job never keeps the process alive: stopping is the runtime's call.
    timer.unref();
    if (job.runAtStart) setImmediate(tick).unref();
    return timer;
  });
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
