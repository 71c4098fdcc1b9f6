import { isDeepStrictEqual } from 'node:util';
import type { StartedSubgraph } from '@civic/shared';
import { type BenchOperation, requestBody } from './operations';
import { settledCallCount, subgraphCallCount } from './subgraphCalls';

/**
 * One request through a gateway: its `data`, or a thrown error naming the
 * operation when it answers with errors (which arrive with HTTP 200, and which
 * autocannon would count as successes).
 */
export async function ask(url: string, headers: Record<string, string>, op: BenchOperation): Promise<unknown> {
  return (await answer(url, headers, op)).data;
}

/** The same, with the answer's exact text: what every answer under load must then be (load.ts). */
export async function answer(url: string, headers: Record<string, string>, op: BenchOperation): Promise<{ data: unknown; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body: requestBody(op) });
  const text = await response.text();
  let body: { data?: unknown; errors?: unknown[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${op.label} through ${url} answered HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (body.errors || !response.ok) throw new Error(`${op.label} through ${url} answered HTTP ${response.status} with errors: ${JSON.stringify(body.errors)}`);
  return { data: body.data, text };
}

/**
 * A peer is compared only once it answers exactly what ours does: a gateway that
 * drops a field, or a signature the subgraphs refuse, would look fast for the
 * wrong reason. Fails loudly with the first path that differs.
 */
export async function assertSameData(ours: string, peer: { name: string; url: string }, headers: Record<string, string>, op: BenchOperation): Promise<unknown> {
  const [expected, actual] = await Promise.all([ask(ours, headers, op), ask(peer.url, headers, op)]);
  if (!isDeepStrictEqual(expected, actual)) {
    throw new Error(`${peer.name} answers ${op.label} differently from the project's gateway, at ${firstDifference(expected, actual) || 'the top'}`);
  }
  return actual;
}

/** The first path at which two JSON values differ, e.g. `region.selfAndChildren.3.veterans`. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return `${path} (${JSON.stringify(a)?.slice(0, 80)} against ${JSON.stringify(b)?.slice(0, 80)})`;
}

/**
 * Subgraph calls per request through one gateway: `times` requests one after
 * another, with nothing else running, and the subgraphs' served requests counted
 * before and after.
 */
export async function callsPerRequest(
  url: string,
  headers: Record<string, string>,
  op: BenchOperation,
  subgraphs: StartedSubgraph[],
  times = 3,
): Promise<number> {
  const before = await settledCallCount(subgraphs);
  for (let i = 0; i < times; i++) await ask(url, headers, op);
  return ((await subgraphCallCount(subgraphs)) - before) / times;
}
