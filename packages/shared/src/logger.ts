import pino from 'pino';
import { logLevelFromEnv } from './config';
import { requestScope } from './request/requestId';

/**
 * Where log lines go: stdout, unless a test captures them (testing/captureLogs.ts).
 * pino writes each line to `write` synchronously; stdout itself is pino's own
 * asynchronous destination.
 */
const stdout = pino.destination({ dest: 1, sync: false });
export const logSink = {
  capture: null as ((line: string) => void) | null,
  write(line: string) {
    if (this.capture) this.capture(line);
    else stdout.write(line);
  },
};

/**
 * One structured logger for every service; JSON lines on stdout. A line logged
 * while a request is served carries its `requestId` (request/requestId.ts).
 */
export const logger = pino(
  {
    level: logLevelFromEnv(),
    base: undefined,
    mixin: () => {
      const trace = requestScope.getStore();
      return trace ? { requestId: trace.requestId } : {};
    },
  },
  logSink,
);

export function serviceLogger(service: string) {
  return logger.child({ service });
}
