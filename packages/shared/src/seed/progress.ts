import { serviceLogger } from '../logger';

const logger = serviceLogger('seed');

/** Seconds since `since`, to a tenth: what a progress line shows. */
export const secondsSince = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/**
 * One step of a subgraph's seed, logged at info when done with its rows and
 * seconds: a city seed runs for minutes, and each step says it is getting on.
 */
export async function seedStep<T>(subgraph: string, step: string, rows: number | ((result: T) => number), work: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  const count = typeof rows === 'function' ? rows(result) : rows;
  logger.info({ subgraph, step, rows: count, seconds: secondsSince(started) }, `${subgraph}: ${step}, ${count} rows in ${secondsSince(started)} s`);
  return result;
}
