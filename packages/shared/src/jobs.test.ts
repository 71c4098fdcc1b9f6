import type { DataSource } from 'typeorm';
import { startJobs, type BackgroundJob } from './jobs';
import { logger } from './logger';

const db = {} as DataSource;
const SERVICES = { gatewayUrl: 'http://127.0.0.1:9/', credentials: { name: 'test', secret: 'x' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background jobs', () => {
  it('when stopped, then no job runs again, and stop waits for the run in flight', async () => {
    let runs = 0;
    let finished = 0;
    const job: BackgroundJob = {
      name: 'counting',
      everyMs: 5,
      run: async () => {
        runs++;
        await sleep(30);
        finished++;
      },
    };
    const jobs = startJobs([job], db, SERVICES, logger);
    await sleep(20);
    expect(runs).toBe(1); // a run that outlasts its period skips the ticks it covers
    await jobs.stop();
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(40);
    expect(runs).toBe(after);
  });

  it('when a run fails, then it is logged and the next tick runs again', async () => {
    let runs = 0;
    const job: BackgroundJob = {
      name: 'failing',
      everyMs: 5,
      runAtStart: true,
      run: async () => {
        runs++;
        throw new Error('the database is away');
      },
    };
    const errors: unknown[] = [];
    const log = { error: (...args: unknown[]) => errors.push(args) } as unknown as typeof logger;
    const jobs = startJobs([job], db, SERVICES, log);
    await sleep(40);
    await jobs.stop();
    expect(runs).toBeGreaterThan(1);
    expect(errors).toHaveLength(runs);
  });
});
