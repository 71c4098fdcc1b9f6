import { ledgerBreaches } from '@civic/elder-care/test/arrange';
import { startTestGraph, TestGraph } from './harness';

/**
 * The storm of issue 13's "Done when": over 2,000 concurrent time bank and request
 * mutations through the gateway, each sent 2-3 times with one key (a client's
 * retries, racing each other), keys that collide across callers, and keys reused
 * by one caller with other arguments. Afterwards the books must hold (every balance
 * equal to its transfers, the accounts summing to exactly zero, none negative) and
 * every acknowledged key must have had its effect exactly once, nothing else.
 * The figures of one run are in the README; nothing here asserts a time.
 */
const XINGANG = '350105001004';
const VOLUNTEERS = 40;
const ELDERS = 10;
const REQUESTS = 320; // 8 per volunteer, 1 or 1.5 hours: within 12 hours a day each
const OPENING = 50;
const IN_FLIGHT = 48;

const PLACE = `mutation ($e: ID!, $key: String) { requestService(elderId: $e, category: VISIT, mode: VOLUNTEER_CLAIM, idempotencyKey: $key) { id } }`;
const CLAIM = `mutation ($id: ID!) { claimServiceRequest(id: $id) { id status } }`;
const COMPLETE = `mutation ($id: ID!, $h: Float!) { completeServiceRequest(id: $id, hours: $h) { id hoursStatus } }`;
const RATE = `mutation ($id: ID!) { rateServiceRequest(id: $id, rating: 5) { id hoursStatus } }`;
const REDEEM = `mutation ($h: Float!, $key: String) { redeemHours(hours: $h, category: MEAL, idempotencyKey: $key) { balance } }`;
const DONATE = `mutation ($to: ID!, $h: Float!, $key: String) { donateHours(toPersonId: $to, hours: $h, idempotencyKey: $key) { balance } }`;
const REWARD = `mutation ($key: String) { buyTimeBankReward(reward: HONOUR_CERTIFICATE, idempotencyKey: $key) { balance } }`;

type Send = { query: string; variables: Record<string, unknown>; token: string };
type Answer = { status: number; body: any };
/** One logical operation and the answers to each of its sends. */
interface Op {
  kind: string;
  sends: Send[];
  answers: Answer[];
  apply?: () => void;
}

const codeOf = (body: any): string => body.errors?.[0]?.extensions?.code ?? 'OK';

/** Runs the sends with at most `limit` in flight, in a shuffled order so retries of one operation race each other and the rest. */
async function storm(graph: TestGraph, ops: Op[], limit: number, counts: { sends: number }) {
  const queue = ops.flatMap((op) => op.sends.map((send) => ({ op, send })));
  for (let i = queue.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1); // deterministic shuffle
    [queue[i], queue[j]] = [queue[j], queue[i]];
  }
  counts.sends += queue.length;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const { op, send } = queue[next++];
      op.answers.push(await graph.query(send.query, send.variables, send.token));
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const acknowledged = (op: Op) => op.answers.some((a) => codeOf(a.body) === 'OK');

describe('a storm of time bank and request mutations through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ subgraphTimeoutMs: 30_000 });
  });
  afterAll(() => graph.stop());

  it('when over 2,000 mutations, each sent 2-3 times and some keys colliding, hit the time bank at once, then the books hold and every acknowledged key took effect exactly once', async () => {
    const db = graph.db('elder-care');
    const people: { id: string }[] = await graph.db('directory').query(
      `INSERT INTO directory.person (name, gender, birth_date, region_code)
       SELECT '志愿者' || n, 'FEMALE', '1985-01-01', $2 FROM generate_series(1, $1::int) AS n RETURNING id`,
      [VOLUNTEERS + ELDERS, XINGANG],
    );
    const volunteers = people.slice(0, VOLUNTEERS).map((p) => p.id);
    const elderPeople = people.slice(VOLUNTEERS).map((p) => p.id);
    const elders: { id: string; person_id: string }[] = await db.query(
      `INSERT INTO elder_care.elder (person_id, region_code) SELECT p, $2 FROM unnest($1::uuid[]) AS p RETURNING id, person_id`,
      [elderPeople, XINGANG],
    );
    // Each volunteer opens with 50 hours carried over, issued from the city's issuing account.
    await db.query(
      `WITH issuing AS (INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', '3501') RETURNING id),
            holders AS (INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) SELECT 'PERSON', p, $2 FROM unnest($1::uuid[]) AS p RETURNING id)
       INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours) SELECT 'OPENING_BALANCE', issuing.id, holders.id, $3 FROM issuing, holders`,
      [volunteers, XINGANG, OPENING],
    );
    const tokenOf = new Map<string, string>();
    for (const id of [...volunteers, ...elderPeople]) tokenOf.set(id, await graph.token(['VOLUNTEER'], XINGANG, id));
    const repeat = (n: number, send: Send) => Array.from({ length: n }, () => send);
    const counts = { sends: 0 };
    const expected = new Map(volunteers.map((v) => [v, OPENING * 100])); // in hundredths of an hour
    const add = (v: string, cents: number) => expected.set(v, (expected.get(v) as number) + cents);
    const all: Op[] = [];

    // 1. The elders place requests, each with its key, sent 2 or 3 times.
    const placed: Op[] = Array.from({ length: REQUESTS }, (_, i) => {
      const elder = elders[i % ELDERS];
      return {
        kind: 'requestService',
        answers: [],
        sends: repeat(2 + (i % 2), { query: PLACE, variables: { e: elder.id, key: `place-${i}` }, token: tokenOf.get(elder.person_id)! }),
      };
    });
    await storm(graph, placed, IN_FLIGHT, counts);
    all.push(...placed);
    const requests = placed.map((op, i) => {
      const ids = new Set(op.answers.filter((a) => codeOf(a.body) === 'OK').map((a) => a.body.data.requestService.id));
      expect(ids.size).toBe(1); // every send of one key answered with the one request
      return { id: [...ids][0] as string, elder: elders[i % ELDERS], volunteer: volunteers[i % VOLUNTEERS], hours: i % 3 ? 1 : 1.5 };
    });

    // 2. Volunteers claim (twice each), while the time bank moves race: donations to a neighbour and redemptions,
    //    each sent 2-3 times with its key. Keys are per caller and collide across callers ('gift-3' is everyone's).
    const moves = (round: number): Op[] =>
      volunteers.flatMap((v, i) => {
        const to = volunteers[(i + 1 + round) % VOLUNTEERS];
        const gift: Op = {
          kind: 'donateHours',
          answers: [],
          sends: repeat(2 + (i % 2), { query: DONATE, variables: { to, h: 0.5, key: `gift-${round}` }, token: tokenOf.get(v)! }),
        };
        gift.apply = () => {
          add(v, -50);
          add(to, 50);
        };
        const spend: Op = {
          kind: 'redeemHours',
          answers: [],
          sends: repeat(3 - (i % 2), { query: REDEEM, variables: { h: 1.25, key: `redeem-${round}` }, token: tokenOf.get(v)! }),
        };
        spend.apply = () => add(v, -125);
        return [gift, spend];
      });
    const claims: Op[] = requests.map((r) => ({
      kind: 'claimServiceRequest',
      answers: [],
      sends: repeat(2, { query: CLAIM, variables: { id: r.id }, token: tokenOf.get(r.volunteer)! }),
    }));
    const phase2 = [...claims, ...moves(0), ...moves(1), ...moves(2)];
    await storm(graph, phase2, IN_FLIGHT, counts);
    all.push(...phase2);

    // 3. Completions (2-3 sends each) race rewards and more moves.
    const completions: Op[] = requests.map((r, i) => ({
      kind: 'completeServiceRequest',
      answers: [],
      sends: repeat(2 + (i % 2), { query: COMPLETE, variables: { id: r.id, h: r.hours }, token: tokenOf.get(r.volunteer)! }),
    }));
    const rewards: Op[] = volunteers.map((v, i) => {
      const op: Op = {
        kind: 'buyTimeBankReward',
        answers: [],
        sends: repeat(2 + (i % 2), { query: REWARD, variables: { key: 'reward-1' }, token: tokenOf.get(v)! }),
      };
      op.apply = () => add(v, -500);
      return op;
    });
    const phase3 = [...completions, ...rewards, ...moves(3), ...moves(4), ...moves(5)];
    await storm(graph, phase3, IN_FLIGHT, counts);
    all.push(...phase3);

    // 4. The elders' ratings confirm the hours (twice each) while the last moves race, and some callers reuse a key
    //    with other arguments: CONFLICT naming the key, and nothing applied.
    const ratings: Op[] = requests.map((r) => {
      const op: Op = {
        kind: 'rateServiceRequest',
        answers: [],
        sends: repeat(2, { query: RATE, variables: { id: r.id }, token: tokenOf.get(r.elder.person_id)! }),
      };
      op.apply = () => add(r.volunteer, Math.round(r.hours * 100));
      return op;
    });
    const reused: Op[] = volunteers.slice(0, 20).map((v) => ({
      kind: 'redeemHours (reused key)',
      answers: [],
      sends: repeat(2, { query: REDEEM, variables: { h: 2, key: 'redeem-0' }, token: tokenOf.get(v)! }),
    }));
    const phase4 = [...ratings, ...moves(6), ...moves(7), ...moves(8), ...reused];
    await storm(graph, phase4, IN_FLIGHT, counts);
    all.push(...phase4);

    // Every answer is the first result or a refusal the caller can act on: no internal or unavailable errors.
    const outcomes = new Map<string, number>();
    for (const op of all) for (const a of op.answers) outcomes.set(codeOf(a.body), (outcomes.get(codeOf(a.body)) ?? 0) + 1);
    expect([...outcomes.keys()].filter((code) => !['OK', 'CONFLICT'].includes(code))).toEqual([]);
    // The request flow went through: every request claimed, completed and confirmed once.
    for (const op of [...claims, ...completions, ...ratings]) expect(acknowledged(op)).toBe(true);
    // Reused keys with other arguments: every send CONFLICT, naming the key.
    for (const op of reused) {
      expect(op.answers.map((a) => codeOf(a.body))).toEqual(['CONFLICT', 'CONFLICT']);
      expect(op.answers[0].body.errors[0].extensions.idempotencyKey).toBe('redeem-0');
    }
    // The retries of one key all answered alike (the first result), never half applied.
    for (const op of all.filter((o) => o.apply && acknowledged(o))) {
      expect(op.answers.map((a) => codeOf(a.body))).toEqual(op.answers.map(() => 'OK'));
    }

    // The books: every balance its transfers, the accounts sum to exactly zero, none negative.
    expect(await ledgerBreaches(db)).toEqual({ mismatched: 0, negative: 0 });
    // Every acknowledged key took effect exactly once, and nothing else moved: each volunteer's balance is
    // the opening hours plus the confirmed services, less what the acknowledged moves took out, plus gifts received.
    for (const op of all) if (op.apply && acknowledged(op)) op.apply();
    const balances: { person_id: string; cents: number }[] = await db.query(
      `SELECT person_id, (balance * 100)::int AS cents FROM elder_care.time_bank_account WHERE person_id = ANY($1::uuid[])`,
      [volunteers],
    );
    expect(Object.fromEntries(balances.map((b) => [b.person_id, b.cents]))).toEqual(Object.fromEntries(expected));
    const [ledger] = await db.query(
      `SELECT (SELECT count(*)::int FROM elder_care.service_request WHERE id = ANY($1::uuid[])) AS requests,
              (SELECT count(*)::int FROM elder_care.time_bank_transfer WHERE kind = 'DEPOSIT' AND request_id = ANY($1::uuid[])) AS deposits,
              (SELECT count(*)::int FROM elder_care.time_bank_transfer WHERE kind IN ('DONATION', 'REDEMPTION', 'REWARD')) AS moves`,
      [requests.map((r) => r.id)],
    );
    const movesAcknowledged = all.filter((o) => o.apply && o.kind !== 'rateServiceRequest' && acknowledged(o)).length;
    expect(ledger).toEqual({ requests: REQUESTS, deposits: REQUESTS, moves: movesAcknowledged });
    const [{ placedTotal }] = await db.query(`SELECT count(*)::int AS "placedTotal" FROM elder_care.service_request WHERE elder_id = ANY($1::uuid[])`, [
      elders.map((e) => e.id),
    ]);
    expect(placedTotal).toBe(REQUESTS);
    expect(all.length).toBeGreaterThanOrEqual(2_000);

    // For the README: how big the storm was and how it was answered.
    console.log(
      JSON.stringify({
        operations: all.length,
        sends: counts.sends,
        inFlight: IN_FLIGHT,
        outcomes: Object.fromEntries(outcomes),
        byKind: Object.fromEntries([...new Set(all.map((o) => o.kind))].map((k) => [k, all.filter((o) => o.kind === k).length])),
      }),
    );
  }, 600_000);
});
