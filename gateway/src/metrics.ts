import { Counter, Histogram, LATENCY_BUCKETS, type Registry, requestMetrics, serviceRegistry } from '@civic/shared';
import type { RequestObserver } from './clientRequests';
import type { SubgraphCallObserver } from './subgraphSource';

/**
 * The gateway's metrics: each client request by its operation name and outcome,
 * and each subgraph call as the gateway sees it (latency, HTTP status, errors),
 * which is what a slow or failing subgraph looks like from the caller's side.
 */
export function gatewayMetrics(): {
  registry: Registry;
  onRequest: RequestObserver;
  onSubgraphCall: SubgraphCallObserver;
  onCachedQuery: (hit: boolean) => void;
} {
  const registry = serviceRegistry('gateway');
  const requests = requestMetrics(registry);
  const calls = new Counter({
    name: 'civic_gateway_subgraph_requests_total',
    help: "The gateway's calls to each subgraph, by HTTP status (`failed`: no answer, a timeout or refused connection)",
    labelNames: ['subgraph', 'status'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'civic_gateway_subgraph_errors_total',
    help: 'Subgraph calls that failed or answered with an HTTP error status',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'civic_gateway_subgraph_request_duration_seconds',
    help: 'Subgraph call latency as the gateway sees it',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const cached = new Counter({
    name: 'civic_gateway_response_cache_total',
    help: 'Queries the gateway answered from its response cache (`hit`) or by asking the subgraphs (`miss`)',
    labelNames: ['result'],
    registers: [registry],
  });
  return {
    registry,
    onCachedQuery: (hit) => cached.inc({ result: hit ? 'hit' : 'miss' }),
    onRequest: (request, _status, durationMs) => requests.observe(request.operation, request.outcome ?? 'error', durationMs / 1000),
    onSubgraphCall: (subgraph, status, durationMs) => {
      calls.inc({ subgraph, status: String(status) });
      if (status === 'failed' || status >= 400) errors.inc({ subgraph });
      latency.observe({ subgraph }, durationMs / 1000);
    },
  };
}
