import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (prom-client), one registry per service: `npm start` and the
 * tests run every service in one process, and each /metrics shows its own. Every
 * series carries `service`. Names start with `civic_`; deploy/grafana/civic-graph.json
 * charts them, and a test checks it names only what the services export.
 */
export function serviceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'civic_' });
  return registry;
}

/** Who may read /metrics (README, "Metrics"). */
export interface MetricsAccess {
  /** CIVIC_METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>` */
  token?: string;
  /** in production without a token, /metrics is not served at all */
  production?: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics in Prometheus text format. In production it is served only with a
 * token, so the public port shows nothing a prober could map the graph by; a
 * missing or wrong token is 404, as if there were no such path.
 */
export function metricsHandler(registry: Registry, access: MetricsAccess): RequestHandler {
  const expected = access.token ? digest(`Bearer ${access.token}`) : null;
  return async (req, res, next) => {
    const open = expected ? timingSafeEqual(digest(req.headers.authorization ?? ''), expected) : !access.production;
    if (!open) {
      res.status(404).json({ errors: [{ message: 'Not found: the graph answers at /', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    try {
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Operation names come from clients: beyond `max` distinct ones a name is counted
 * as `other`, so a caller inventing names cannot grow the series without bound.
 */
export function boundedLabel(max = 200): (value: string | null) => string {
  const seen = new Set<string>();
  return (value) => {
    const label = value ?? 'anonymous';
    if (seen.has(label)) return label;
    if (seen.size >= max) return 'other';
    seen.add(label);
    return label;
  };
}

/** Latency buckets in seconds, from a cached read to a timed-out call. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The GraphQL requests a service served, by operation and outcome (ok, partial, error). */
export function requestMetrics(registry: Registry) {
  const label = boundedLabel();
  const requests = new Counter({
    name: 'civic_graphql_requests_total',
    help: 'GraphQL requests served, by operation name and outcome (ok, partial, error)',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'civic_graphql_request_duration_seconds',
    help: 'GraphQL request latency, by operation name',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    observe(operation: string | null, outcome: string, seconds: number) {
      const name = label(operation);
      requests.inc({ operation: name, outcome });
      duration.observe({ operation: name }, seconds);
    },
  };
}
