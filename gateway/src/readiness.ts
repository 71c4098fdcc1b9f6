import type { ApolloGateway } from '@apollo/gateway';
import type { ReadinessProbe, ReadinessReport, StartupState } from '@civic/shared';
import { READY, READINESS_TIMEOUT_MS, startupReason } from '@civic/shared';

/** Each subgraph's URL as the supergraph names it (its join__Graph), by service name. */
export function supergraphUrls(supergraphSdl: string): Record<string, string> {
  return Object.fromEntries([...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => [m[1], m[2]]));
}

/** What one subgraph's /readyz says: its own reason, or 'unreachable' when it does not answer in time. */
async function subgraphReason(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(new URL('readyz', url), { signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok) return null;
    const body = (await response.json().catch(() => ({}))) as { reason?: unknown };
    return typeof body.reason === 'string' ? body.reason : `HTTP ${response.status}`;
  } catch {
    return 'unreachable';
  }
}

/**
 * The gateway is ready when the graph is not seeding, the supergraph is loaded
 * and every subgraph answers its own /readyz. A subgraph's readiness carries no
 * data, so it is asked unsigned. The answer names each subgraph that is not ready
 * and why ('database unavailable', 'unreachable', …), never its address.
 */
export function gatewayReadiness(options: {
  gateway: ApolloGateway;
  subgraphUrls: Record<string, string>;
  startup?: StartupState;
  timeoutMs?: number;
}): ReadinessProbe {
  return async (): Promise<ReadinessReport> => {
    const starting = startupReason(options.startup);
    if (starting) return { ready: false, reason: starting };
    if (!options.gateway.schema) return { ready: false, reason: 'supergraph not loaded' };
    const reasons = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => [name, await subgraphReason(url, options.timeoutMs ?? READINESS_TIMEOUT_MS)] as const),
    );
    const down = reasons.filter((entry): entry is readonly [string, string] => entry[1] !== null);
    if (!down.length) return READY;
    const details = Object.fromEntries(down);
    return { ready: false, reason: down.every(([, reason]) => reason === 'seeding') ? 'seeding' : 'subgraphs unavailable', details };
  };
}
