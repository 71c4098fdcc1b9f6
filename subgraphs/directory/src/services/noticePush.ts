import type { DataSource } from 'typeorm';
import { serviceLogger, type BackgroundJob } from '@civic/shared';
import { maskPhone } from '../domain/masking';

/** One message to one phone: a notice as an SMS or an app push carries it. */
export interface PushMessage {
  noticeId: string;
  /** the mainland mobile number it goes to: the person's own, or, for a person without a phone, the one who acts for them */
  phone: string;
  text: string;
}

/**
 * Where notices leave the graph for people's phones (issue 16.2): an SMS gateway or an
 * app-push service in production, behind this one method. It resolves when the
 * provider has taken every message of the batch.
 */
export interface NoticeSender {
  send(messages: PushMessage[]): Promise<void>;
}

const log = serviceLogger('directory');

/** The development sender: logs each message (the number masked) and sends nothing. */
export const loggingSender: NoticeSender = {
  async send(messages) {
    for (const m of messages) log.info({ noticeId: m.noticeId, phone: maskPhone(m.phone) }, `notice push (development, not sent): ${m.text}`);
  },
};

const BATCH = 100;

/**
 * One pass: the notices kept but not yet pushed, locked (replicas take different
 * ones), handed to the sender and marked in the same transaction, so a notice is
 * pushed once. A person without a phone is reached through whoever acts for them
 * (markPersonWithoutPhone); with neither, the notice stays in the feed alone. A
 * failed send leaves the batch for the next pass. Returns how many were handled.
 */
export async function pushNotices(db: DataSource, sender: NoticeSender): Promise<number> {
  return db.transaction(async (tx) => {
    const due: { id: string; text: string; phone: string | null }[] = await tx.query(
      `/* unpushedNotices */ SELECT n.id, n.text,
              CASE WHEN p.has_phone THEN p.phone ELSE proxy.phone END AS phone
       FROM directory.notice n
       JOIN directory.person p ON p.id = n.recipient_id
       LEFT JOIN directory.person proxy ON proxy.id = p.acted_for_by
       WHERE n.pushed_at IS NULL
       ORDER BY n.delivered_at, n.id LIMIT ${BATCH} FOR UPDATE OF n SKIP LOCKED`,
    );
    if (!due.length) return 0;
    const messages = due.filter((n): n is typeof n & { phone: string } => Boolean(n.phone)).map((n) => ({ noticeId: n.id, phone: n.phone, text: n.text }));
    if (messages.length) await sender.send(messages);
    await tx.query(
      `/* noticesPushed */ UPDATE directory.notice n SET pushed_at = now(), pushed_to = m.pushed_to
       FROM unnest($1::uuid[], $2::text[]) AS m(id, pushed_to) WHERE n.id = m.id`,
      [due.map((n) => n.id), due.map((n) => (n.phone ? maskPhone(n.phone) : null))],
    );
    return due.length;
  });
}

/** The push as the directory's background job: every 2 s, batch after batch. */
export function noticePush(sender: NoticeSender): BackgroundJob {
  return {
    name: 'notice push',
    everyMs: 2_000,
    async run(db) {
      while ((await pushNotices(db, sender)) === BATCH);
    },
  };
}
