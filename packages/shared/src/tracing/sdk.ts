import type { IncomingMessage } from 'node:http';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type TextMapPropagator } from '@opentelemetry/api';
import { W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  type ReadableSpan,
  type Sampler,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
// Nothing that loads graphql, express or pg (signing.ts does, through errors.ts) may be imported here.
import { SIGNATURE_HEADER } from '../auth/signedHeaders';
import { installTracing, SERVICE_ATTRIBUTE, type Tracing } from './tracing';

/**
 * The OpenTelemetry SDK, required only when OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (register.ts), before the modules it instruments (http, express, graphql, pg).
 *
 * Whom a span parents on. Nothing parents on a `traceparent` header: the global
 * propagator extracts nothing. A client's traceparent is not trusted at the gateway
 * (it would let a caller join or pick traces), and a subgraph parents only on the
 * traceparent the gateway signed into `x-civic-trace` (auth/signing.ts), after the
 * signature is verified: its HTTP instrumentation skips signed calls, and
 * `serveSigned` starts their server span once the signature holds. A proxy or mesh
 * that rewrites `traceparent` cannot break the signature either.
 *
 * Which service a span is. `npm start` serves the whole graph from one process, and
 * an SDK has one resource per process; so a span carries its service as the
 * attribute `civic.service`: an HTTP server span from the port its request came in
 * on (`listening`), a subgraph's signed call from `serveSigned`, every other span from
 * its parent (ServiceAttribution). The exporter (ServiceResources) sends each span
 * under a resource whose `service.name` is that service, so a collector sees the
 * gateway and each subgraph as services of their own, in one process as in many.
 */

const PROCESS_SERVICE = 'civic-graph';
const W3C = new W3CTraceContextPropagator();

/** Kubelet's probes and Prometheus's scrapes, every few seconds: a trace each would drown the requests. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Extracts nothing and injects nothing: parenting is explicit (see above). */
const NO_PROPAGATION: TextMapPropagator = { inject() {}, extract: (ctx) => ctx, fields: () => [] };

interface Listener {
  service: string;
  kind: 'gateway' | 'subgraph';
}

/**
 * A trace starts where a request is served (a server span) and nowhere else: the
 * schema parsing and query planning at start-up, a readiness probe's SQL, would
 * otherwise each be a trace of their own. Within a trace, every span is kept.
 */
const SERVED_REQUESTS_ONLY: Sampler = {
  shouldSample: (_context, _traceId, _name, kind) => ({
    decision: kind === SpanKind.SERVER ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
  }),
  toString: () => 'ServedRequestsOnly',
};

/** Copies the parent's service onto each span that does not name its own. */
class ServiceAttribution implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    if (span.attributes[SERVICE_ATTRIBUTE] !== undefined) return;
    const parent = trace.getSpan(parentContext) as Partial<ReadableSpan> | undefined;
    const service = parent?.attributes?.[SERVICE_ATTRIBUTE];
    if (service !== undefined) span.setAttribute(SERVICE_ATTRIBUTE, service);
  }
  onEnd(): void {}
  forceFlush = async () => {};
  shutdown = async () => {};
}

/** Exports each span under its own service's resource (see above). */
class ServiceResources implements SpanExporter {
  private readonly resources = new Map<string, Resource>();
  constructor(
    private readonly inner: SpanExporter,
    private readonly fallback: () => string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(
      spans.map((span) => this.underItsService(span)),
      done,
    );
  }

  private underItsService(span: ReadableSpan): ReadableSpan {
    const service = String(span.attributes[SERVICE_ATTRIBUTE] ?? this.fallback());
    let resource = this.resources.get(service);
    if (!resource) {
      resource = defaultResource().merge(resourceFromAttributes({ 'service.name': service, 'service.namespace': PROCESS_SERVICE }));
      this.resources.set(service, resource);
    }
    // The span itself, seen through an object whose only own property is the resource.
    return Object.create(span, { resource: { value: resource } }) as ReadableSpan;
  }

  shutdown = () => this.inner.shutdown();
  forceFlush = () => this.inner.forceFlush?.() ?? Promise.resolve();
}

/** Where OTLP/HTTP sends traces: the endpoint is the collector's base URL, as the OpenTelemetry spec reads OTEL_EXPORTER_OTLP_ENDPOINT. */
export const otlpTracesUrl = (endpoint: string): string => new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).toString();

export const otlpExporter = (endpoint: string): SpanExporter => new OTLPTraceExporter({ url: otlpTracesUrl(endpoint) });

/** Starts the SDK with `exporter` and installs the real Tracing (tracing.ts). */
export function startTracing(exporter: SpanExporter): Tracing {
  const listeners = new Map<number, Listener>();
  const listenerOf = (req: IncomingMessage) => listeners.get(req.socket.localPort ?? -1);
  // A span under no request of any service (a background job's) is the process's only service, if it has one.
  const fallback = () => {
    const services = new Set([...listeners.values()].map((l) => l.service));
    return services.size === 1 ? [...services][0] : PROCESS_SERVICE;
  };
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': PROCESS_SERVICE }),
    // No environment or cloud detectors: config comes from the service's own (config.ts).
    resourceDetectors: [],
    textMapPropagator: NO_PROPAGATION,
    sampler: new ParentBasedSampler({ root: SERVED_REQUESTS_ONLY }),
    spanProcessors: [new ServiceAttribution(), new BatchSpanProcessor(new ServiceResources(exporter, fallback))],
    // Traces only: metrics are Prometheus's (/metrics), logs are stdout's. Left unset, NodeSDK
    // would read OTEL_* itself and send both to the endpoint too.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // A subgraph's signed call gets its server span once verified (serveSigned); probes and scrapes none.
        ignoreIncomingRequestHook: (req) =>
          UNTRACED_PATHS.has((req.url ?? '').split('?')[0]) || (listenerOf(req)?.kind === 'subgraph' && typeof req.headers[SIGNATURE_HEADER] === 'string'),
        startIncomingSpanHook: (req) => {
          const listener = listenerOf(req as IncomingMessage);
          return listener ? { [SERVICE_ATTRIBUTE]: listener.service } : {};
        },
        // Outgoing HTTP (a key set's refresh) only within a request's trace.
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation(),
      // Default resolvers (a field read off its parent) would be a span per field per row.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      // SQL under a request only: readiness probes and jobs do not start traces of their own.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  const tracer = trace.getTracer('@civic/shared');

  const implementation: Tracing = {
    listening(service, port, kind) {
      listeners.set(port, { service, kind });
    },

    subgraphCall(subgraph, call) {
      return tracer.startActiveSpan(`subgraph ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'civic.subgraph': subgraph } }, async (span) => {
        try {
          return await call();
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      });
    },

    traceparent() {
      const carrier: Record<string, string> = {};
      W3C.inject(context.active(), carrier, { set: (c, key, value) => (c[key] = value) });
      return carrier.traceparent;
    },

    serveSigned(service, traceparent, req, res, next) {
      const parent = traceparent ? W3C.extract(ROOT_CONTEXT, { traceparent }, { get: (c, key) => c[key], keys: Object.keys }) : ROOT_CONTEXT;
      const path = (req.url ?? '/').split('?')[0];
      const span = tracer.startSpan(
        `${req.method} ${path}`,
        { kind: SpanKind.SERVER, attributes: { [SERVICE_ATTRIBUTE]: service, 'http.request.method': req.method ?? '', 'url.path': path } },
        parent,
      );
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute('http.response.status_code', res.statusCode);
        if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the answer' });
        else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      res.once('finish', end);
      res.once('close', end);
      context.with(trace.setSpan(parent, span), next);
    },

    traceId: () => trace.getActiveSpan()?.spanContext().traceId,

    shutdown: () => sdk.shutdown(),
  };
  installTracing(implementation);
  return implementation;
}
