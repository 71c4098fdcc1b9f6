/**
 * When a webhook delivery is tried again, and whether at all: the rule every relay
 * of partners' webhooks keeps (README "Webhooks").
 */
export interface RetryPolicy {
  /** tries in all, the first included; after the last failed one the delivery is dead-lettered */
  maxAttempts: number;
  /** the wait after the first failed try is base·2, after the n-th base·2ⁿ … */
  baseMs: number;
  /** … never longer than this */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 30_000, capMs: 6 * 3_600_000 };

/**
 * The wait after `failures` failed tries (1 after the first): min(cap, base·2^failures),
 * less up to 20% of jitter (`random` in [0, 1)) so that deliveries failed together do
 * not come back together. Never longer than the rule's own value.
 */
export function retryDelayMs(failures: number, policy: RetryPolicy, random: number): number {
  const exact = Math.min(policy.capMs, policy.baseMs * 2 ** failures);
  return Math.round(exact * (1 - 0.2 * random));
}

/**
 * What an attempt's outcome means. 2xx: delivered. A timeout, a network error, 408,
 * 429 and 5xx: the partner may be back later, so try again. Any other status (a 3xx,
 * which is not followed, or a 4xx): the partner refused this request and the same
 * request would be refused again, so it goes straight to the dead letters, for the
 * partner to fix its endpoint and replay it.
 */
export type AttemptVerdict = 'delivered' | 'retry' | 'refused';

export function attemptVerdict(status: number | null): AttemptVerdict {
  if (status === null) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}
