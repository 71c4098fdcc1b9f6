import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/dataSource';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createOutboxTableSql, notify, type NoticeDraft } from './outbox';
import { relayNotices, RELAY_MAX_ATTEMPTS, type OutgoingNotice } from './relay';
import { civicError } from '../errors';

const SCHEMA = 'relay_test';
const people = Array.from({ length: 5 }, (_, i) => `a0000000-0000-4000-8000-00000000000${i}`);
const draft = (i: number, extra: Partial<NoticeDraft> = {}): NoticeDraft => ({
  kind: 'REQUEST_CLAIMED',
  recipientId: people[i % people.length],
  subjectType: 'ServiceRequest',
  subjectId: `request-${i}`,
  text: `第 ${i} 条`,
  ...extra,
});

describe('the notice outbox and its relay', () => {
  let database: TestDatabase;
  let db: DataSource;
  const open = () =>
    createDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [], poolSize: 2, applicationName: 'relay-test' }).initialize();
  /** A receiver that keeps one row per notice id, as the directory's feed does. */
  const feed = () => {
    const kept = new Map<string, OutgoingNotice>();
    let received = 0;
    return {
      kept,
      received: () => received,
      deliver: async (notices: OutgoingNotice[]) => {
        received += notices.length;
        for (const n of notices) if (!kept.has(n.id)) kept.set(n.id, n);
      },
    };
  };
  const undelivered = async () => Number((await db.query(`SELECT count(*) FROM ${SCHEMA}.notice_outbox WHERE delivered_at IS NULL`))[0].count);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await open();
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const sql of createOutboxTableSql(SCHEMA)) await db.query(sql);
  });
  beforeEach(() => db.query(`TRUNCATE ${SCHEMA}.notice_outbox`));
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when notices are written in a transaction that rolls back, then none exists; a recipient named twice gets one; a dedupe key is written once', async () => {
    await expect(
      db.transaction(async (tx) => {
        await notify(tx, SCHEMA, [draft(1)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await undelivered()).toBe(0);
    expect(await notify(db, SCHEMA, [draft(1), draft(1), draft(2, { dedupeKey: 'reminder:slot-9' })])).toBe(2);
    expect(await notify(db, SCHEMA, [draft(3, { dedupeKey: 'reminder:slot-9' })])).toBe(0);
    expect(await undelivered()).toBe(2);
  });

  it('when the relay stops in the middle of a batch and starts again, then every notice reaches the feed once: none lost, none twice', async () => {
    await notify(
      db,
      SCHEMA,
      Array.from({ length: 30 }, (_, i) => draft(i)),
    );
    const receiver = feed();
    // The relay's process stops while it delivers: half the batch has reached the feed, its transaction never commits.
    const relayDb = await open();
    const stopsMidway = async (notices: OutgoingNotice[]) => {
      await receiver.deliver(notices.slice(0, 12));
      await relayDb.destroy();
      throw new Error('the relay stopped');
    };
    await expect(relayNotices(relayDb, SCHEMA, stopsMidway, 20)).rejects.toThrow();
    expect(await undelivered()).toBe(30);
    expect(receiver.kept.size).toBe(12);

    const restarted = await open();
    try {
      let passes = 0;
      while ((await relayNotices(restarted, SCHEMA, receiver.deliver, 20)).delivered) passes++;
      expect(passes).toBe(2);
    } finally {
      await restarted.destroy();
    }
    expect(await undelivered()).toBe(0);
    expect(receiver.kept.size).toBe(30);
    expect(new Set([...receiver.kept.values()].map((n) => n.subjectId)).size).toBe(30);
    expect(receiver.received()).toBe(42); // the 12 were sent again and kept once
  });

  it('when two relays run at once, then they take different notices', async () => {
    await notify(
      db,
      SCHEMA,
      Array.from({ length: 40 }, (_, i) => draft(i)),
    );
    const receiver = feed();
    const other = await open();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slow = relayNotices(
        db,
        SCHEMA,
        async (n) => {
          await held;
          await receiver.deliver(n);
        },
        25,
      );
      // Give the first relay time to lock its batch.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const fast = await relayNotices(other, SCHEMA, receiver.deliver, 25);
      release();
      expect((await slow).delivered + fast.delivered).toBe(40);
      expect(fast.delivered).toBe(15);
    } finally {
      await other.destroy();
    }
    expect(receiver.received()).toBe(40);
  });

  it('when the graph is not serving yet (seeding, answering 503), then the notices wait without using up their attempts, however long it takes', async () => {
    await db.query(`DELETE FROM ${SCHEMA}.notice_outbox`);
    await notify(db, SCHEMA, [draft(1), draft(2)]);
    const seeding = async () => {
      throw civicError('SERVICE_UNAVAILABLE', 'the graph is seeding', { graphNotReady: true });
    };
    await db.query(`UPDATE ${SCHEMA}.notice_outbox SET attempts = $1 - 1`, [RELAY_MAX_ATTEMPTS]);
    for (let pass = 0; pass < 3; pass++) {
      await db.query(`UPDATE ${SCHEMA}.notice_outbox SET next_attempt_at = now()`);
      expect(await relayNotices(db, SCHEMA, seeding)).toEqual({ delivered: 0, failed: 2, dead: 0 });
    }
    const rows = await db.query(`SELECT attempts, dead_at IS NULL AS kept, next_attempt_at > now() AS later FROM ${SCHEMA}.notice_outbox`);
    expect(rows).toEqual([
      { attempts: RELAY_MAX_ATTEMPTS - 1, kept: true, later: true },
      { attempts: RELAY_MAX_ATTEMPTS - 1, kept: true, later: true },
    ]);
    await db.query(`DELETE FROM ${SCHEMA}.notice_outbox`);
  });

  it('when delivery fails, then the batch waits with backoff, and after the last attempt it is set aside', async () => {
    await notify(db, SCHEMA, [draft(1), draft(2)]);
    const failing = async () => {
      throw new Error('the feed is away');
    };
    expect(await relayNotices(db, SCHEMA, failing)).toEqual({ delivered: 0, failed: 2, dead: 0 });
    const [row] = await db.query(`SELECT attempts, last_error, next_attempt_at > now() AS later FROM ${SCHEMA}.notice_outbox LIMIT 1`);
    expect(row).toEqual({ attempts: 1, last_error: 'the feed is away', later: true });
    // Not due yet: the next pass sends nothing.
    expect(await relayNotices(db, SCHEMA, failing)).toEqual({ delivered: 0, failed: 0, dead: 0 });
    await db.query(`UPDATE ${SCHEMA}.notice_outbox SET attempts = $1 - 1, next_attempt_at = now()`, [RELAY_MAX_ATTEMPTS]);
    expect(await relayNotices(db, SCHEMA, failing)).toEqual({ delivered: 0, failed: 2, dead: 2 });
    await db.query(`UPDATE ${SCHEMA}.notice_outbox SET next_attempt_at = now()`);
    const receiver = feed();
    expect((await relayNotices(db, SCHEMA, receiver.deliver)).delivered).toBe(0);
  });
});
