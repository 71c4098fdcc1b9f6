import type { DataSource } from 'typeorm';
import { attemptVerdict, retryDelayMs, serviceLogger, signWebhook, type BackgroundJob, type RetryPolicy, type Sql } from '@civic/shared';
import type { SealedBox } from '../domain/sealedBox';
import { webhookSecrets } from '../domain/webhookSecrets';
import { directoryConfig } from '../config';

const log = serviceLogger('directory');

export interface WebhookRelayOptions {
  policy: RetryPolicy;
  /** one POST's limit; a delivery claimed is leased for twice this and a margin, then taken again if its relay stopped */
  timeoutMs: number;
  batch?: number;
  /** POSTs in flight at once */
  concurrency?: number;
  /** the relay's clock (a test's to control) and its jitter */
  now?: () => Date;
  random?: () => number;
}

export interface WebhookRelayOutcome {
  delivered: number;
  retried: number;
  dead: number;
}

interface Claimed {
  id: string;
  attempts: number;
  body: string;
  url: string;
  secretSealed: Buffer;
}

const BATCH = 50;
const leaseMs = (timeoutMs: number) => 2 * timeoutMs + 5_000;

/**
 * Claims the due deliveries in one statement (FOR UPDATE SKIP LOCKED, so replicas
 * take different ones): each try is counted and the row leased, its next attempt
 * moved past the POST's limit, and the statement commits before any POST, so no
 * transaction is open during a call to a partner. A relay stopped after the claim
 * leaves its rows to come due again when the lease ends.
 */
async function claimDue(db: Sql, now: Date, lease: number, batch: number): Promise<Claimed[]> {
  return db.query(
    `/* claimWebhookDeliveries */ WITH due AS (
       SELECT id FROM directory.webhook_delivery
       WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE directory.webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = $1, next_attempt_at = $2
       FROM due, directory.webhook w WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.attempts, d.body, w.url, w.secret_sealed AS "secretSealed")
     -- a SELECT over the UPDATE's rows, so the answer reads the same on a DataSource and a transaction
     SELECT * FROM claimed`,
    [now, new Date(now.getTime() + lease), batch],
  );
}

/** One POST: the response's status, or null for a timeout or a network error (with its message). */
async function post(delivery: Claimed, secret: string, at: Date, timeoutMs: number): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'civic-graph-webhooks', ...signWebhook(secret, delivery.id, at, delivery.body) },
      body: delivery.body,
      // A redirect is not followed: the endpoint is the one registered, nowhere else.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : error.message) : String(error);
    return { status: null, error: cause.slice(0, 500) };
  }
}

/**
 * Records a try's outcome, only if the row is still this try's (its attempts
 * unchanged): a relay whose lease ran out and whose row another relay took again
 * changes nothing.
 */
async function record(
  db: Sql,
  d: Claimed,
  result: { status: number | null; error: string | null },
  now: Date,
  options: Required<Pick<WebhookRelayOptions, 'policy' | 'random'>>,
) {
  const verdict = attemptVerdict(result.status);
  const dead = verdict === 'refused' || (verdict === 'retry' && d.attempts >= options.policy.maxAttempts);
  const next = verdict === 'retry' && !dead ? new Date(now.getTime() + retryDelayMs(d.attempts, options.policy, options.random())) : now;
  await db.query(
    `/* webhookAttempted */ UPDATE directory.webhook_delivery
     SET last_status = $3, last_error = $4, next_attempt_at = $5,
         delivered_at = CASE WHEN $6 THEN $7::timestamptz END, dead_at = CASE WHEN $8 THEN $7::timestamptz END
     WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL AND dead_at IS NULL`,
    [d.id, d.attempts, result.status, result.error, next, verdict === 'delivered', now, dead],
  );
  return verdict === 'delivered' ? 'delivered' : dead ? 'dead' : 'retried';
}

/**
 * One pass of the relay: claim a batch, POST each (`concurrency` at a time), record
 * each outcome as soon as it is known. A relay stopped in the middle loses nothing
 * (what it claimed and did not record comes due when the lease ends) and resends at
 * most the POSTs it had in flight, with the same `webhook-id`, for the partner to dedupe.
 */
export async function relayWebhooks(db: DataSource, secrets: SealedBox, options: WebhookRelayOptions): Promise<WebhookRelayOutcome> {
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const claimed = await claimDue(db, clock(), leaseMs(options.timeoutMs), options.batch ?? BATCH);
  const outcome: WebhookRelayOutcome = { delivered: 0, retried: 0, dead: 0 };
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++];
      const result = await post(delivery, secrets.open(delivery.secretSealed), clock(), options.timeoutMs);
      outcome[await record(db, delivery, result, clock(), { policy: options.policy, random })]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, claimed.length) }, worker));
  if (outcome.dead) log.warn({ dead: outcome.dead }, 'webhook deliveries dead-lettered (webhookDeadLetters)');
  return outcome;
}

/**
 * The relay as the directory's background job: every second, batch after batch while
 * the batches come full, with the directory's key and retry settings (read when it
 * runs, not when the module is imported).
 */
export const webhookRelay: BackgroundJob = {
  name: 'webhook relay',
  everyMs: 1_000,
  async run(db) {
    const config = directoryConfig();
    const secrets = webhookSecrets(config.dataKey);
    for (;;) {
      const { delivered, retried, dead } = await relayWebhooks(db, secrets, { ...config.webhooks, batch: BATCH });
      if (delivered + retried + dead < BATCH) return;
    }
  },
};
