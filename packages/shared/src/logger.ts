import pino from 'pino';
import { logLevelFromEnv } from './config';

/** One structured logger for every service; JSON lines on stdout. */
export const logger = pino({ level: logLevelFromEnv(), base: undefined });

export function serviceLogger(service: string) {
  return logger.child({ service });
}
