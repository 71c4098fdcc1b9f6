import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readRegistry, isLocal } from '../graph/registry';

/**
 * Tracing (README, "Tracing"). The instrumentations hook `require`, which jest's
 * module registry bypasses, so the traced graph runs in a child process
 * (tracedGraph.ts) and reports its finished spans.
 */
const ROOT = path.join(__dirname, '..');
const run = promisify(execFile);
const node = async (script: string, env: Record<string, string | undefined>) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
};

interface SpanSeen {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  service: string;
  scope: string;
  attributes: Record<string, unknown>;
}

const SERVER = 1;
const CLIENT = 2;
/** tracedGraph.ts sends this traceparent beside the signature and to the gateway: nothing may parent on it. */
const UNSIGNED_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const DASHBOARD_SUBGRAPHS = ['directory', 'elder-care', 'veteran-volunteers', 'neighbour-stations', 'assessments'];

describe('tracing', () => {
  describe('a DistrictDashboard request, traced with an in-memory exporter', () => {
    let result: { answer: { data?: unknown; errors?: unknown }; directStatus: number; spans: SpanSeen[]; logs: Record<string, unknown>[] };
    let traced: SpanSeen[];
    let traceId: string;
    const byId = () => new Map(traced.map((s) => [s.spanId, s]));
    /** whether `ancestor` is `span`'s parent, or its parent's parent, ... */
    const descends = (span: SpanSeen, ancestor: SpanSeen) => {
      const spans = byId();
      for (let at = span.parentSpanId; at; at = spans.get(at)?.parentSpanId ?? null) if (at === ancestor.spanId) return true;
      return false;
    };

    beforeAll(async () => {
      result = await node('tests/tracedGraph.ts', { LOG_LEVEL: 'info' });
      const operation = result.spans.find((s) => s.service === 'gateway' && s.attributes['graphql.operation.name'] === 'DistrictDashboard');
      traceId = operation!.traceId;
      traced = result.spans.filter((s) => s.traceId === traceId);
    }, 180_000);

    it('when it is answered, then the gateway span, each subgraph span and their SQL spans are one trace, each under its own service name', () => {
      expect(result.answer.errors).toBeUndefined();
      const roots = traced.filter((s) => s.parentSpanId === null);
      expect(roots).toEqual([expect.objectContaining({ service: 'gateway', kind: SERVER, scope: '@opentelemetry/instrumentation-http' })]);
      // No span of the trace hangs off a parent outside it.
      const spans = byId();
      for (const span of traced) if (span.parentSpanId) expect(spans.get(span.parentSpanId)).toBeDefined();
      for (const subgraph of DASHBOARD_SUBGRAPHS) {
        const calls = traced.filter((s) => s.service === 'gateway' && s.kind === CLIENT && s.name === `subgraph ${subgraph}`);
        expect(calls.length).toBeGreaterThanOrEqual(1);
        for (const call of calls) expect(descends(call, roots[0])).toBe(true);
        // The subgraph's span is the child of the gateway's call: the traceparent crossed the signed hop.
        const served = traced.filter((s) => s.service === subgraph && s.kind === SERVER);
        expect(served.length).toBe(calls.length);
        for (const span of served) expect(calls.map((c) => c.spanId)).toContain(span.parentSpanId);
        const graphql = traced.filter((s) => s.service === subgraph && s.scope === '@opentelemetry/instrumentation-graphql');
        const sql = traced.filter(
          (s) =>
            s.service === subgraph &&
            s.scope === '@opentelemetry/instrumentation-pg' &&
            s.name.startsWith('pg.query') &&
            s.attributes['db.system.name'] === 'postgresql',
        );
        // The execution too (named after the operation): graphql was patched, so it loaded after the SDK started.
        expect(graphql.map((s) => s.name)).toEqual(
          expect.arrayContaining(['graphql.parse', 'graphql.validate', expect.stringMatching(/^query DistrictDashboard__/)]),
        );
        expect(sql.length).toBeGreaterThanOrEqual(1);
        for (const span of [...graphql, ...sql]) expect(served.some((s) => descends(span, s))).toBe(true);
      }
      // Each span's exported resource names the service whose request it belongs to, though one process served them all.
      for (const span of traced) expect(span.service).toBe(span.attributes['civic.service']);
      expect(new Set(traced.map((s) => s.service))).toEqual(new Set(['gateway', ...DASHBOARD_SUBGRAPHS]));
    });

    it('when the graph starts and is probed, then nothing but a served request starts a trace (no span of schema parsing, probes or their SQL)', () => {
      const roots = result.spans.filter((s) => s.parentSpanId === null);
      expect(roots.length).toBeGreaterThanOrEqual(2);
      for (const root of roots) expect(root.kind).toBe(SERVER);
      // Readiness probes (tracedGraph.ts sends two) are no traces either.
      expect(result.spans.filter((s) => `${(s.attributes['url.path'] as string | undefined) ?? ''}`.startsWith('/readyz'))).toEqual([]);
    });

    it("when a client sends the gateway a traceparent, then the gateway starts its own trace instead of joining the client's", () => {
      expect(traceId).not.toBe(UNSIGNED_TRACE_ID);
      expect(result.spans.filter((s) => s.traceId === UNSIGNED_TRACE_ID)).toEqual([]);
    });

    it('when a signed call carries a traceparent header outside its signature, then the subgraph serves it in a trace of its own', () => {
      expect(result.directStatus).toBe(200);
      const served = result.spans.filter((s) => s.service === 'directory' && s.kind === SERVER && s.traceId !== traceId);
      expect(served).toEqual([expect.objectContaining({ parentSpanId: null })]);
      expect(served[0].traceId).not.toBe(UNSIGNED_TRACE_ID);
    });

    it("when the request's lines are logged, then each carries the trace's id beside the request id", () => {
      const lines = result.logs.filter((l) => l.requestId === 'traced-dashboard-1');
      expect(lines.length).toBeGreaterThanOrEqual(1);
      for (const line of lines) expect(line.trace_id).toBe(traceId);
    });
  });

  describe('off', () => {
    /** What tracing loads, and only tracing: @apollo/gateway loads @opentelemetry/api and its own metrics modules in any case. */
    const TRACING_PACKAGES = [
      '@opentelemetry/sdk-node',
      '@opentelemetry/sdk-trace-base',
      '@opentelemetry/sdk-trace-node',
      '@opentelemetry/instrumentation',
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-express',
      '@opentelemetry/instrumentation-graphql',
      '@opentelemetry/instrumentation-pg',
      '@opentelemetry/exporter-trace-otlp-http',
      'require-in-the-middle',
    ];

    it('when OTEL_EXPORTER_OTLP_ENDPOINT is unset, then the graph loads no OpenTelemetry SDK, instrumentation or trace exporter; set, it loads them', async () => {
      const off: string[] = await node('tests/tracingModules.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
      expect(off.filter((p) => TRACING_PACKAGES.includes(p))).toEqual([]);
      expect(off).toContain('express');
      const on: string[] = await node('tests/tracingModules.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9/' });
      expect(on).toEqual(expect.arrayContaining(TRACING_PACKAGES));
    }, 120_000);

    it("when a service's main starts, then tracing's register is its first import, before anything it instruments", () => {
      const mains = [
        'scripts/start.ts',
        'gateway/src/index.ts',
        ...readRegistry()
          .filter(isLocal)
          .map((s) => `${s.path}/src/index.ts`),
      ];
      for (const main of mains) {
        const firstImport = readFileSync(path.join(ROOT, main), 'utf8').match(/^import .*$/m)?.[0];
        expect({ main, firstImport }).toEqual({ main, firstImport: "import '@civic/shared/src/tracing/register';" });
      }
    });
  });
});
