import pino from 'pino';
import { logLevelFromEnv } from './config';
import { requestScope } from './request/requestId';
import { tracing } from './tracing/tracing';

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
 * while a request is served carries its `requestId` (request/requestId.ts) and,
 * with tracing on, its `trace_id` (tracing/tracing.ts), to find its trace from it.
 */
export const logger = pino(
  {
    level: logLevelFromEnv(),
    base: undefined,
    mixin: () => {
      const request = requestScope.getStore();
      const traceId = tracing().traceId();
      return { ...(request ? { requestId: request.requestId } : {}), ...(traceId ? { trace_id: traceId } : {}) };
    },
  },
  logSink,
);

export function serviceLogger(service: string) {
  return logger.child({ service });
}
