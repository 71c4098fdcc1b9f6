import autocannon from 'autocannon';
import { type BenchOperation, requestBody } from './operations';

/** One load run's figures. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  /** transport errors, timeouts and non-2xx answers */
  errors: number;
}

/** Drives one operation through one gateway with autocannon for `duration` seconds. */
export async function drive(url: string, headers: Record<string, string>, op: BenchOperation, connections: number, duration: number): Promise<LoadResult> {
  const result = await autocannon({ url, method: 'POST', headers, body: requestBody(op), connections, duration });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Several rounds of one gateway as one figure: throughput averaged over the
 * rounds (they are of equal length), latency percentiles the median of the
 * rounds' own (autocannon gives no histogram to merge), errors added up.
 */
export function combineRounds(rounds: LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  return {
    requestsPerSecond: rounds.reduce((sum, r) => sum + r.requestsPerSecond, 0) / rounds.length,
    p50: median((r) => r.p50),
    p90: median((r) => r.p90),
    p99: median((r) => r.p99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}
