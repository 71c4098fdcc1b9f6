import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { createDataSource, retryDelayMs, type RetryPolicy } from '@civic/shared';
import { createTestDatabase, type TestDatabase } from '@civic/shared/src/testing';
import { relayWebhooks, type WebhookRelayOptions } from '../src/services/webhookRelay';
import { enqueueWebhookDeliveries } from '../src/services/webhooks';
import { webhookRepository } from '../src/repositories/webhooks';
import { webhookSecrets } from '../src/domain/webhookSecrets';
import { directoryConfig } from '../src/config';
import { startReceiver } from './webhookReceiver';

const COMMUNITY = '350105001004';
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const POLICY: RetryPolicy = { maxAttempts: 3, baseMs: 1_000, capMs: 5_000 };
const secrets = webhookSecrets(directoryConfig().dataKey);

/** The relay on its own database copy, with no subgraph (and so no background job) beside it, on a clock the test moves. */
describe("partners' webhooks relayed", () => {
  let database: TestDatabase;
  let db: DataSource;
  let person: string;
  let clock: Date;
  const open = () =>
    createDataSource({ url: database.url, schema: 'directory', entities: [], migrations: [], poolSize: 3, applicationName: 'webhook-relay-test' }).initialize();
  const options = (extra: Partial<WebhookRelayOptions> = {}): WebhookRelayOptions => ({
    policy: POLICY,
    timeoutMs: 2_000,
    now: () => clock,
    random: () => 0,
    ...extra,
  });
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

  /** A webhook for the receiver's url and `n` notices kept in the feed and fanned out to it; returns the deliveries' ids. */
  async function deliveriesTo(url: string, n: number): Promise<string[]> {
    const webhook = await webhookRepository(db).insert({
      partner: 'elder-canteens',
      url,
      kinds: ['REQUEST_CLAIMED'],
      regionCode: '350105',
      secretSealed: secrets.seal(SECRET),
      createdBy: person,
    });
    const notices: { id: string }[] = await db.query(
      `INSERT INTO directory.notice (id, recipient_id, kind, subject_type, subject_id, text, source, created_at)
       SELECT gen_random_uuid(), $1, 'REQUEST_CLAIMED', 'ServiceRequest', 'r-' || i, '陈阿婆的请求已被认领', 'elder-care', now()
       FROM generate_series(1, $2) i RETURNING id`,
      [person, n],
    );
    expect(
      await enqueueWebhookDeliveries(
        db,
        notices.map((x) => x.id),
      ),
    ).toBe(n);
    return (await db.query(`SELECT id FROM directory.webhook_delivery WHERE webhook_id = $1`, [webhook.id])).map((r: { id: string }) => r.id);
  }
  const row = async (id: string) =>
    (
      await db.query(
        `SELECT attempts, last_status, next_attempt_at, delivered_at IS NOT NULL AS delivered, dead_at IS NOT NULL AS dead FROM directory.webhook_delivery WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await open();
    [{ id: person }] = await db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code, phone, has_phone) VALUES ('林秀英', 'FEMALE', '1960-01-01', $1, '13959101234', true) RETURNING id`,
      [COMMUNITY],
    );
  });
  beforeEach(async () => {
    await db.query(`TRUNCATE directory.webhook CASCADE`);
    clock = new Date(Date.now() + 1_000);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when a notice is POSTed, then its signature verifies with the Standard Webhooks library and with the spec written out, over the exact body, which names nobody', async () => {
    const receiver = await startReceiver();
    try {
      const [id] = await deliveriesTo(receiver.url, 1);
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 1, retried: 0, dead: 0 });
      const [got] = receiver.received;
      const headers = { 'webhook-id': got.id, 'webhook-timestamp': got.timestamp, 'webhook-signature': got.signature };
      expect(got.id).toBe(id);
      expect(got.timestamp).toBe(String(Math.floor(clock.getTime() / 1000)));
      // The library checks the timestamp against its own clock: the test's clock is a second ahead of it, within its 5 minutes.
      expect(new Webhook(SECRET).verify(got.body, headers)).toEqual(JSON.parse(got.body));
      const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
      const expected = createHmac('sha256', key).update(`${got.id}.${got.timestamp}.${got.body}`).digest('base64');
      expect(got.signature).toBe(`v1,${expected}`);
      expect(() => new Webhook(SECRET).verify(got.body.replace('elder-care', 'elder-carf'), headers)).toThrow();
      const body = JSON.parse(got.body);
      expect(body).toEqual({
        type: 'notice.REQUEST_CLAIMED',
        timestamp: expect.any(String),
        data: {
          noticeId: expect.any(String),
          kind: 'REQUEST_CLAIMED',
          subjectType: 'ServiceRequest',
          subjectId: 'r-1',
          regionCode: COMMUNITY,
          source: 'elder-care',
        },
      });
      expect(got.body).not.toContain(person);
      expect(got.body).not.toMatch(/林秀英|陈阿婆|1395910/);
      expect(await row(id)).toMatchObject({ attempts: 1, last_status: 200, delivered: true });
    } finally {
      await receiver.stop();
    }
  });

  it('when the receiver fails twice and then takes it, then three tries carry the same webhook-id and it is accepted once', async () => {
    const receiver = await startReceiver((_id, nth) => (nth <= 2 ? 503 : 200));
    try {
      const [id] = await deliveriesTo(receiver.url, 1);
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 1, dead: 0 });
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 0, dead: 0 }); // not due yet
      later(2_000);
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 1, dead: 0 });
      later(4_000);
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 1, retried: 0, dead: 0 });
      later(60_000);
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 0, dead: 0 });
      expect(receiver.received.map((r) => [r.id, r.status])).toEqual([
        [id, 503],
        [id, 503],
        [id, 200],
      ]);
      expect(receiver.accepted().size).toBe(1);
      expect(await row(id)).toMatchObject({ attempts: 3, last_status: 200, delivered: true, dead: false });
    } finally {
      await receiver.stop();
    }
  });

  it('when tries fail, then the n-th retry waits base·2ⁿ less its jitter, never past the cap; a 4xx other than 408 and 429 is dead at once', async () => {
    const statuses: Record<string, number> = {};
    const receiver = await startReceiver((id) => statuses[id] ?? 500);
    try {
      const policy: RetryPolicy = { maxAttempts: 10, baseMs: 1_000, capMs: 5_000 };
      const [id, refused, throttled] = await deliveriesTo(receiver.url, 3);
      statuses[refused] = 404;
      statuses[throttled] = 429;
      const waits: number[] = [];
      for (let n = 1; n <= 4; n++) {
        const tried = new Date(clock);
        await relayWebhooks(db, secrets, options({ policy, random: () => 0.5 }));
        const { next_attempt_at: next } = await row(id);
        waits.push(next.getTime() - tried.getTime());
        clock = next;
      }
      // 2 s, 4 s, then the 5 s cap, each less half of the 20% jitter
      expect(waits).toEqual([1_800, 3_600, 4_500, 4_500]);
      expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, 0))).toEqual([2_000, 4_000, 5_000, 5_000]);
      expect(await row(refused)).toMatchObject({ attempts: 1, last_status: 404, dead: true });
      expect(await row(throttled)).toMatchObject({ attempts: 4, last_status: 429, dead: false });
    } finally {
      await receiver.stop();
    }
  });

  it('when every try fails, then after the last the delivery is a dead letter, and replayed it is delivered with the same webhook-id', async () => {
    let up = false;
    const receiver = await startReceiver(() => (up ? 200 : 500));
    try {
      const [id] = await deliveriesTo(receiver.url, 1);
      const outcomes = [];
      for (let n = 0; n < POLICY.maxAttempts; n++) {
        outcomes.push(await relayWebhooks(db, secrets, options()));
        later(POLICY.capMs);
      }
      expect(outcomes.map((o) => o.dead)).toEqual([0, 0, 1]);
      expect(await row(id)).toMatchObject({ attempts: 3, dead: true });
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 0, dead: 0 });
      const [dead] = (await webhookRepository(db).deadLetters(null, { list: 'x', limit: 10, first: 9, after: null })).rows;
      expect(dead).toMatchObject({ id, attempts: 3 });

      up = true;
      expect(await webhookRepository(db).replay(id, 'elder-canteens', clock)).toMatchObject({ id, attempts: 0, deadAt: null });
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 1, retried: 0, dead: 0 });
      expect(receiver.received.map((r) => r.id)).toEqual([id, id, id, id]);
      expect(await row(id)).toMatchObject({ attempts: 1, delivered: true });
      expect(await webhookRepository(db).replay(id, 'food-banks', clock)).toBeNull();
    } finally {
      await receiver.stop();
    }
  });

  it('when two relays run at once, then each delivery is sent once', async () => {
    const receiver = await startReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 20)));
    const other = await open();
    try {
      const ids = await deliveriesTo(receiver.url, 40);
      const [a, b] = await Promise.all([
        relayWebhooks(db, secrets, options({ batch: 25, concurrency: 2 })),
        relayWebhooks(other, secrets, options({ batch: 25, concurrency: 2 })),
      ]);
      const third = await relayWebhooks(db, secrets, options({ batch: 25 }));
      expect(a.delivered + b.delivered + third.delivered).toBe(40);
      expect(receiver.received).toHaveLength(40);
      expect(receiver.accepted()).toEqual(new Set(ids));
    } finally {
      await other.destroy();
      await receiver.stop();
    }
  });

  it('when the relay stops in the middle of a batch and starts again, then none is lost and each is accepted once, only the one in flight sent again with its id', async () => {
    const relayDb = await open();
    const receiver = await startReceiver(async (_id, nth) => {
      // The relay's process stops while the partner takes the 4th: its answer is never recorded.
      if (nth === 1 && receiver.received.length === 3) await relayDb.destroy();
      return 200;
    });
    try {
      const ids = await deliveriesTo(receiver.url, 10);
      await expect(relayWebhooks(relayDb, secrets, options({ batch: 10, concurrency: 1 }))).rejects.toThrow();
      expect(receiver.received).toHaveLength(4);
      // Claimed and leased: nothing is due until the lease ends.
      expect(await relayWebhooks(db, secrets, options())).toEqual({ delivered: 0, retried: 0, dead: 0 });
      later(60_000);
      expect(await relayWebhooks(db, secrets, options({ batch: 10 }))).toEqual({ delivered: 7, retried: 0, dead: 0 });
      expect(receiver.accepted()).toEqual(new Set(ids));
      expect(receiver.received).toHaveLength(11);
      const twice = receiver.received.filter((r, i) => receiver.received.findIndex((x) => x.id === r.id) !== i);
      expect(twice.map((r) => r.id)).toEqual([receiver.received[3].id]);
      const [{ delivered }] = await db.query(`SELECT count(*)::int AS delivered FROM directory.webhook_delivery WHERE delivered_at IS NOT NULL`);
      expect(delivered).toBe(10);
    } finally {
      if (relayDb.isInitialized) await relayDb.destroy();
      await receiver.stop();
    }
  });
});
