/**
 * Tracing's early start: the FIRST import of every service's main (gateway/src/index.ts,
 * each subgraph's src/index.ts, scripts/start.ts), so that OpenTelemetry's require
 * hooks are in place before http, express, graphql and pg load. With
 * OTEL_EXPORTER_OTLP_ENDPOINT unset it requires nothing of OpenTelemetry at all
 * (tests/tracing.e2e.test.ts checks both). It imports config.ts alone, never the
 * `@civic/shared` index, which loads the instrumented modules.
 */
import { ConfigError, loadConfig, tracingEnv } from '../config';

function startIfConfigured(): void {
  let endpoint: string | undefined;
  try {
    endpoint = loadConfig(tracingEnv).OTEL_EXPORTER_OTLP_ENDPOINT;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (!endpoint) return;
  // Required, not imported: with tracing off the SDK is never loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous require, before the instrumented modules load
  const { otlpExporter, startTracing } = require('./sdk') as typeof import('./sdk');
  startTracing(otlpExporter(endpoint));
}

startIfConfigured();
