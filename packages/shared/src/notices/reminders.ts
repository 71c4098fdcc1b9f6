import type { DataSource } from 'typeorm';
import type { BackgroundJob } from '../jobs';
import { notify, type NoticeDraft, type NoticeKind } from './outbox';

/** A reminder goes out this long before what it reminds of starts (issue 16.2). */
export const REMINDER_LEAD_MS = 12 * 3_600_000;

/** What is due for a reminder: things starting in [from, until) and the person each is for. */
export type DueReminders = (db: DataSource, from: Date, until: Date) => Promise<Omit<NoticeDraft, 'kind' | 'dedupeKey'>[]>;

/**
 * A sweep that writes a reminder for everything starting within the next 12 hours,
 * once per thing and person: the dedupe key (kind, subject, recipient) makes a
 * second sweep, or a second replica's, write nothing. The relay delivers them.
 */
export function reminderSweep(schema: string, kind: NoticeKind, due: DueReminders, everyMs = 60_000): BackgroundJob {
  return {
    name: `${kind.toLowerCase()} sweep`,
    everyMs,
    runAtStart: true,
    async run(db) {
      const now = new Date();
      const drafts = (await due(db, now, new Date(now.getTime() + REMINDER_LEAD_MS))).map((d) => ({
        ...d,
        kind,
        dedupeKey: `${kind}:${d.subjectType}:${d.subjectId}:${d.recipientId}`,
      }));
      return notify(db, schema, drafts);
    },
  };
}
