import autocannon from 'autocannon';
import { type BenchOperation, requestBody } from './operations';

/** One load run's figures. */
export interface LoadResult {
  requestsPerSecond: number;
  /** requests sent, answered or still in flight when the run stopped */
  sent: number;
  p50: number;
  p90: number;
  p99: number;
  /** transport errors, timeouts, non-2xx answers and answers other than the expected one */
  errors: number;
}

/**
 * Drives one operation through one gateway with autocannon for `duration` seconds.
 * Every answer must be `expected`, byte for byte (that gateway's own answer, checked
 * beforehand): GraphQL errors arrive with HTTP 200, so a gateway failing under load
 * would otherwise count as fast successes.
 */
export async function drive(
  url: string,
  headers: Record<string, string>,
  op: BenchOperation,
  connections: number,
  duration: number,
  expected: string,
): Promise<LoadResult> {
  const result = await autocannon({ url, method: 'POST', headers, body: requestBody(op), connections, duration, expectBody: expected });
  return {
    requestsPerSecond: result.requests.average,
    sent: result.requests.sent,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
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
    sent: rounds.reduce((sum, r) => sum + r.sent, 0),
    p50: median((r) => r.p50),
    p90: median((r) => r.p90),
    p99: median((r) => r.p99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}
