import { logSink } from '../logger';

/**
 * Collects every log line the services in this process write, as parsed JSON,
 * until `stop()`. Lines are written only at the level the logger was built with:
 * a test that reads them sets LOG_LEVEL before @civic/shared is first imported
 * (jest/setupEnv.ts makes tests silent otherwise).
 */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  logSink.capture = (line) => {
    for (const text of line.split('\n')) if (text.trim()) lines.push(JSON.parse(text));
  };
  return {
    lines: () => lines,
    stop: () => {
      logSink.capture = null;
    },
  };
}
