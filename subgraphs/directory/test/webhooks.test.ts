import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { Identity } from '@civic/shared';
import { directory } from '../src/module';
import { startReceiver } from './webhookReceiver';

const COMMUNITY = '350105001004';
const partner = (name: string, region = '350105'): Identity => ({ sub: 'b0000000-0000-4000-8000-000000000001', roles: ['PARTNER'], region, partner: name });
const cityAdmin: Identity = { sub: 'b0000000-0000-4000-8000-000000000002', roles: ['CITY_ADMIN'], region: '35', partner: null };
const volunteer: Identity = { sub: 'b0000000-0000-4000-8000-000000000003', roles: ['VOLUNTEER'], region: '350105', partner: null };
const officer: Identity = { sub: 'b0000000-0000-4000-8000-000000000004', roles: ['DISTRICT_OFFICER'], region: '350105', partner: null };
const elderCare: Identity = { sub: null, roles: [], region: null, partner: null, service: 'elder-care' };

const REGISTER = `mutation ($partner: String, $url: String!, $kinds: [NoticeKind!]!, $regionCode: ID!, $key: String) {
  registerWebhook(partner: $partner, url: $url, kinds: $kinds, regionCode: $regionCode, idempotencyKey: $key) {
    secret webhook { id partner url kinds regionCode } } }`;
const DEAD = `query ($partner: String) { webhookDeadLetters(partner: $partner) { totalCount edges { node { id kind attempts deadAt webhook { partner } } } } }`;
const REPLAY = `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { id attempts deadAt } }`;
const DELIVER = `mutation ($notices: [NoticeDelivery!]!) { deliverNotices(notices: $notices) }`;

/** Polls until `check` holds: the relay is the subgraph's own background job, on its own clock. */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

describe("partners' webhooks through the directory's API", () => {
  let graph: SubgraphHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let person: string;
  const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code;
  const register = (identity: Identity, vars: Record<string, unknown>) =>
    graph.query(REGISTER, { url: receiver.url, kinds: ['EMERGENCY', 'REQUEST_CLAIMED'], regionCode: '350105', ...vars }, identity);

  beforeAll(async () => {
    graph = await startSubgraphHarness(directory);
    receiver = await startReceiver();
    [{ id: person }] = await graph.db.query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code, phone, has_phone) VALUES ('林秀英', 'FEMALE', '1960-01-01', $1, '13959101234', true) RETURNING id`,
      [COMMUNITY],
    );
  });
  afterAll(async () => {
    await receiver?.stop();
    await graph?.stop();
  });

  it('when a caller other than a partner or a city administrator registers or reads webhooks, then FORBIDDEN; a partner for another partner or outside its region too', async () => {
    expect(codeOf((await register(volunteer, {})).body)).toBe('FORBIDDEN');
    expect(codeOf((await register(officer, { partner: 'elder-canteens' })).body)).toBe('FORBIDDEN');
    const other = (await register(partner('elder-canteens'), { partner: 'food-banks' })).body;
    expect(other.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'partnerOrCityAdmin' });
    expect(codeOf((await register(partner('elder-canteens', '350102'), {})).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(DEAD, {}, officer)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(DEAD, { partner: 'food-banks' }, partner('elder-canteens'))).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(REPLAY, { id: randomUUID() }, volunteer)).body)).toBe('FORBIDDEN');
    expect(codeOf((await graph.query(DEAD, {})).body)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['ftp://127.0.0.1/hooks', 'url'],
    ['http://partner.example.com/hooks', 'url'],
    ['not a url', 'url'],
    ['https://user:pw@partner.example.com/hooks', 'url'],
  ])('when the url is %p, then BAD_USER_INPUT naming it', async (url, argument) => {
    const { body } = await register(partner('elder-canteens'), { url });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('when a city administrator registers without naming the partner, or a partner names a region that is not one, then BAD_USER_INPUT', async () => {
    expect((await register(cityAdmin, {})).body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'partner' });
    expect((await register(partner('elder-canteens'), { regionCode: '350105999' })).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'regionCode',
    });
  });

  it('when a partner registers, then it gets its secret once (sealed at rest, a retry with the key answers the same), and a notice kept in the feed reaches its endpoint signed', async () => {
    const key = `hook-${randomUUID()}`;
    const first = (await register(partner('elder-canteens'), { key })).body.data.registerWebhook;
    expect(first.webhook).toMatchObject({ partner: 'elder-canteens', url: receiver.url, kinds: ['EMERGENCY', 'REQUEST_CLAIMED'], regionCode: '350105' });
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const again = (await register(partner('elder-canteens'), { key })).body.data.registerWebhook;
    expect(again).toEqual(first);
    const [stored] = await graph.db.query(`SELECT secret_sealed FROM directory.webhook WHERE id = $1`, [first.webhook.id]);
    expect(stored.secret_sealed.toString('latin1')).not.toContain(first.secret.slice(6, 20));
    const listed = (await graph.query(`{ webhooks { id partner } }`, {}, partner('elder-canteens'))).body.data.webhooks;
    expect(listed).toEqual([{ id: first.webhook.id, partner: 'elder-canteens' }]);
    expect((await graph.query(`{ webhooks { id } }`, {}, partner('food-banks'))).body.data.webhooks).toEqual([]);

    const notice = (kind: string) => ({
      id: randomUUID(),
      kind,
      recipientId: person,
      subjectType: 'ServiceRequest',
      subjectId: 'r-1',
      text: '林秀英: 请求已认领',
      createdAt: new Date().toISOString(),
    });
    const claimed = notice('REQUEST_CLAIMED');
    const { body } = await graph.query(DELIVER, { notices: [claimed, notice('HOURS_PENDING')] }, elderCare);
    expect(body.data.deliverNotices).toBe(2);
    // Delivered again by a restarted relay: nothing new for the feed or the webhook.
    expect((await graph.query(DELIVER, { notices: [claimed] }, elderCare)).body.data.deliverNotices).toBe(0);
    const got = await eventually(async () => receiver.received.find((r) => JSON.parse(r.body).data.noticeId === claimed.id), 'the webhook receives the notice');
    expect(
      new Webhook(first.secret).verify(got.body, { 'webhook-id': got.id, 'webhook-timestamp': got.timestamp, 'webhook-signature': got.signature }),
    ).toMatchObject({
      type: 'notice.REQUEST_CLAIMED',
      data: { noticeId: claimed.id, regionCode: COMMUNITY },
    });
    expect(got.body).not.toContain('林秀英');
    const [{ n }] = await graph.db.query(`SELECT count(*)::int AS n FROM directory.webhook_delivery WHERE webhook_id = $1`, [first.webhook.id]);
    expect(n).toBe(1); // HOURS_PENDING is not subscribed to
  });

  it('when a delivery is dead, then its partner and a city administrator see it, another partner does not, and a replay sends it again with its id', async () => {
    expect((await register(cityAdmin, { partner: 'elder-canteens', kinds: ['EMERGENCY'] })).body.data.registerWebhook.webhook.partner).toBe('elder-canteens');
    const noticeId = randomUUID();
    await graph.query(
      DELIVER,
      {
        notices: [
          {
            id: noticeId,
            kind: 'EMERGENCY',
            recipientId: person,
            subjectType: 'Emergency',
            subjectId: 'e-1',
            text: '紧急',
            createdAt: new Date().toISOString(),
          },
        ],
      },
      elderCare,
    );
    const [delivery] = await graph.db.query(`SELECT id FROM directory.webhook_delivery WHERE notice_id = $1`, [noticeId]);
    await eventually(async () => receiver.received.some((r) => r.id === delivery.id), 'the first delivery');
    // As if every try had failed.
    await graph.db.query(`UPDATE directory.webhook_delivery SET delivered_at = NULL, dead_at = now(), attempts = 8, last_status = 503 WHERE id = $1`, [
      delivery.id,
    ]);

    const own = (await graph.query(DEAD, {}, partner('elder-canteens'))).body.data.webhookDeadLetters;
    expect(own).toMatchObject({
      totalCount: 1,
      edges: [{ node: { id: delivery.id, kind: 'EMERGENCY', attempts: 8, webhook: { partner: 'elder-canteens' } } }],
    });
    expect((await graph.query(DEAD, { partner: 'elder-canteens' }, cityAdmin)).body.data.webhookDeadLetters.totalCount).toBe(1);
    expect((await graph.query(DEAD, {}, partner('food-banks'))).body.data.webhookDeadLetters.totalCount).toBe(0);
    expect(codeOf((await graph.query(REPLAY, { id: delivery.id }, partner('food-banks'))).body)).toBe('NOT_FOUND');

    const sent = receiver.received.filter((r) => r.id === delivery.id).length;
    const replayed = (await graph.query(REPLAY, { id: delivery.id }, partner('elder-canteens'))).body.data.replayWebhookDelivery;
    expect(replayed).toEqual({ id: delivery.id, attempts: 0, deadAt: null });
    await eventually(async () => receiver.received.filter((r) => r.id === delivery.id).length > sent, 'the replayed delivery');
    expect((await graph.query(DEAD, {}, cityAdmin)).body.data.webhookDeadLetters.totalCount).toBe(0);
  });
});
