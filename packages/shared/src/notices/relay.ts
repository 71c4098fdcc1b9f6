import type { DataSource } from 'typeorm';
import type { BackgroundJob } from '../jobs';
import path from 'node:path';
import { isGraphNotReady, queryGraph, serviceOperation } from '../graphQuery';
import { logger } from '../logger';
import type { GraphServices } from '../subgraphModule';
import { outboxRetention, outboxTable, type NoticeKind } from './outbox';

/** A notice as the relay hands it on: to the directory's feed, to a partner's webhook. */
export interface OutgoingNotice {
  id: string;
  kind: NoticeKind;
  recipientId: string;
  subjectType: string;
  subjectId: string;
  text: string;
  createdAt: string;
}

/** Delivers a batch; resolves when every notice of it is kept by the receiver (which dedupes by id). */
export type NoticeDelivery = (notices: OutgoingNotice[]) => Promise<void>;

export const RELAY_BATCH = 100;
/** After this many failed attempts a notice is set aside (dead-lettered) and logged, not retried. */
export const RELAY_MAX_ATTEMPTS = 10;

export interface RelayOutcome {
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * One pass of the relay over a subgraph's outbox. The batch is locked (FOR UPDATE
 * SKIP LOCKED, so replicas take different batches) for the delivery and marked
 * delivered in the same transaction: a relay stopped mid-batch, before its commit,
 * leaves the batch undelivered, and the next pass sends it again; the receiver keeps
 * one row per notice id, so a notice is never shown twice, and never lost. A failed
 * delivery is counted on every notice of the batch and retried with backoff.
 */
export async function relayNotices(db: DataSource, schema: string, deliver: NoticeDelivery, batch = RELAY_BATCH): Promise<RelayOutcome> {
  const table = outboxTable(schema);
  let ids: string[] = [];
  try {
    const delivered = await db.transaction(async (tx) => {
      const due: OutgoingNotice[] = await tx.query(
        `/* dueNotices */ SELECT id, kind, recipient_id AS "recipientId", subject_type AS "subjectType", subject_id AS "subjectId",
                text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
         FROM ${table} WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      ids = due.map((n) => n.id);
      if (!due.length) return 0;
      await deliver(due);
      await tx.query(`/* noticesDelivered */ UPDATE ${table} SET delivered_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [ids]);
      return due.length;
    });
    return { delivered, failed: 0, dead: 0 };
  } catch (error) {
    if (!ids.length) throw error;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (isGraphNotReady(error)) {
      // The graph is still seeding (a province takes half an hour) or stopping: nothing refused the notices, so
      // they wait without using up their attempts, and are never set aside for it.
      await db.query(
        `/* noticesWaitForGraph */ UPDATE ${table} SET last_error = $2, next_attempt_at = now() + interval '10 seconds'
         WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL`,
        [ids, message],
      );
      return { delivered: 0, failed: ids.length, dead: 0 };
    }
    const [{ dead }] = await db.query(
      `/* noticesFailed */ WITH failed AS (
         UPDATE ${table} SET attempts = attempts + 1, last_error = $2,
           -- 2 s, 4 s, 8 s … capped at 10 minutes, with up to 20% jitter so replicas do not retry in step
           next_attempt_at = now() + make_interval(secs => least(2 * power(2, attempts), 600) * (1 + 0.2 * random())),
           dead_at = CASE WHEN attempts + 1 >= $3 THEN now() END
         WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL RETURNING dead_at)
       SELECT count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead FROM failed`,
      [ids, message, RELAY_MAX_ATTEMPTS],
    );
    return { delivered: 0, failed: ids.length, dead };
  }
}

const DELIVER = serviceOperation(path.join(__dirname, '..', '..', 'service-operations', 'DeliverNotices.graphql'));

/** The directory's feed (Person.notices), reached through the gateway as the relaying subgraph itself. */
export function feedDelivery(services: GraphServices): NoticeDelivery {
  return async (notices) => {
    await queryGraph(services, 'the notice feed', DELIVER, { notices }, 10_000);
  };
}

/** Where a relay delivers: the feed through the gateway by default. */
export type DeliveryTarget = (db: DataSource, services: GraphServices) => NoticeDelivery;

/**
 * The relay as a background job of a subgraph with an outbox: every 2 s it drains
 * what is due, batch after batch, into the feed. `deliverTo` stands in for the
 * feed in tests, and for the directory, which is the feed (a call through the
 * gateway would be planned back into it).
 */
export function noticeRelay(schema: string, deliverTo: DeliveryTarget = (_db, services) => feedDelivery(services)): BackgroundJob {
  return {
    name: 'notice relay',
    everyMs: 2_000,
    runAtStart: true,
    async run(db, services) {
      const to = deliverTo(db, services);
      for (;;) {
        const outcome = await relayNotices(db, schema, to);
        if (outcome.dead) logger.error({ schema, dead: outcome.dead }, 'notices set aside after repeated failed deliveries');
        if (outcome.delivered < RELAY_BATCH) return;
      }
    },
  };
}

/** Everything a subgraph with an outbox runs: its relay and the outbox's retention. */
export function noticeJobs(schema: string, deliverTo?: DeliveryTarget): BackgroundJob[] {
  return [noticeRelay(schema, deliverTo), outboxRetention(schema)];
}
