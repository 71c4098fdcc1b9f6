import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the services ask of tracing (README, "Tracing"). This file loads nothing of
 * OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT unset every call is the no-op
 * below and no SDK or instrumentation module is ever required (register.ts). With
 * it set, register.ts starts the SDK (sdk.ts) before the services' modules load
 * and installs the real implementation here.
 */
export interface Tracing {
  /** a service's HTTP server listens on `port`: the spans of the requests it serves are that service's */
  listening(service: string, port: number, kind: 'gateway' | 'subgraph'): void;
  /** the gateway's call to one subgraph, as a client span; the traceparent signed into it is this span's */
  subgraphCall<T>(subgraph: string, call: () => Promise<T>): Promise<T>;
  /** the active span as a W3C `traceparent`, to sign into a subgraph call (auth/signing.ts) */
  traceparent(): string | undefined;
  /**
   * A subgraph serves a call whose signature it has verified: `next` runs inside a
   * server span whose parent is the signed traceparent, never a header beside the signature.
   */
  serveSigned(service: string, traceparent: string | undefined, req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** the active trace's id, for log lines (logger.ts) */
  traceId(): string | undefined;
  /** exports what is still buffered, then stops: before the process exits */
  shutdown(): Promise<void>;
}

const OFF: Tracing = {
  listening() {},
  subgraphCall: (_subgraph, call) => call(),
  traceparent: () => undefined,
  serveSigned: (_service, _traceparent, _req, _res, next) => next(),
  traceId: () => undefined,
  shutdown: async () => {},
};

let installed: Tracing = OFF;

/** The process's tracing: the no-op unless the SDK was started (register.ts). */
export const tracing = (): Tracing => installed;

/** Called once by sdk.ts when the SDK has started. */
export function installTracing(implementation: Tracing): void {
  installed = implementation;
}

/** A span's service, as a span attribute: one process may serve the whole graph (npm start). sdk.ts turns it into the exported resource's `service.name`. */
export const SERVICE_ATTRIBUTE = 'civic.service';

/** A W3C traceparent of version 00 with non-zero ids, as the gateway signs it. */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
export const isTraceparent = (value: unknown): value is string => typeof value === 'string' && TRACEPARENT.test(value);
