/**
 * Run by tests/tracing.e2e.test.ts as `node --import tsx tests/tracedGraph.ts`, in
 * a process of its own: OpenTelemetry's instrumentations hook `require`, which
 * jest's module registry bypasses, so inside a jest worker they would record
 * nothing. Starts the SDK (as register.ts does, with an in-memory exporter behind
 * the same per-service resources), then a test graph on free ports, sends
 * DistrictDashboard, then a signed call straight to a subgraph with a `traceparent`
 * header beside the signature, then probes /readyz, and prints the finished spans and the log lines as
 * one JSON line.
 */
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '@civic/shared/src/tracing/sdk';

/** Keeps its spans through the SDK's shutdown, which flushes the last batch (an InMemorySpanExporter forgets them then). */
class KeptSpans extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
const exporter = new KeptSpans();
const tracing = startTracing(exporter);

/** A traceparent no one signed: neither the gateway nor a subgraph may parent on it (tests/tracing.e2e.test.ts knows it too). */
const UNSIGNED_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const UNSIGNED_TRACEPARENT = `00-${UNSIGNED_TRACE_ID}-00f067aa0ba902b7-01`;

async function main() {
  // Only now the instrumented modules (http, express, graphql, pg) load, with the hooks in place.
  const { ANONYMOUS, signRequest, subgraphSecret } = require('@civic/shared') as typeof import('@civic/shared');
  const { captureLogs } = require('@civic/shared/src/testing') as typeof import('@civic/shared/src/testing');
  const { startTestGraph } = require('./harness') as typeof import('./harness');
  const { readOperations } = require('@civic/gateway/src/web/operations') as typeof import('@civic/gateway/src/web/operations');
  const logs = captureLogs();
  const graph = await startTestGraph();
  try {
    const dashboard = readOperations().find((op) => op.name === 'DistrictDashboard')!;
    const response = await fetch(graph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: UNSIGNED_TRACEPARENT, 'x-request-id': 'traced-dashboard-1' },
      body: JSON.stringify({ query: dashboard.query, variables: JSON.parse(dashboard.variables) }),
    });
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };

    // Signed by the gateway's key for the directory, with the raw header beside the signature.
    const directory = graph.subgraphs.find((s) => s.module.name === 'directory')!;
    const body = JSON.stringify({ query: '{ __typename }' });
    const signed = signRequest(subgraphSecret(graph.internalSecret, 'directory'), ANONYMOUS, body, Date.now(), undefined, {
      requestId: 'traced-direct-call-1',
      operation: 'DirectCall',
    });
    const direct = await fetch(directory.service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: UNSIGNED_TRACEPARENT, ...signed },
      body,
    });
    await direct.text();
    // A probe is no trace (nor is its SQL).
    await (await fetch(new URL('readyz', graph.url))).text();
    await (await fetch(new URL('readyz', directory.service.url))).text();
    await graph.stop();
    logs.stop();
    await tracing.shutdown();
    const spans = exporter.getFinishedSpans().map(describe);
    process.stdout.write(`${JSON.stringify({ answer, directStatus: direct.status, spans, logs: logs.lines() })}\n`);
  } catch (error) {
    await graph.stop();
    throw error;
  }
}

const describe = (span: ReadableSpan) => ({
  name: span.name,
  kind: span.kind,
  traceId: span.spanContext().traceId,
  spanId: span.spanContext().spanId,
  parentSpanId: span.parentSpanContext?.spanId ?? null,
  service: span.resource.attributes['service.name'],
  scope: span.instrumentationScope.name,
  attributes: span.attributes,
});

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
