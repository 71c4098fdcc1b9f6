import { randomUUID } from 'node:crypto';
import type { SeedPopulation } from '@civic/shared';
import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { planElderCareSeed } from '../src/seed/plan';
import { cityAdmin, ledgerBreaches } from './arrange';

/** A small directory: people of every age in 马尾区 and 洛江区 communities, and one 思明区 community. */
function population(): SeedPopulation {
  const communities = ['350105001004', '350105102227', '350105101210', '350105001002', '350504001001', '350504100201', '350203001001'];
  const people = Array.from({ length: 700 }, (_, i) => ({
    id: randomUUID(),
    gender: (i % 2 ? 'FEMALE' : 'MALE') as 'MALE' | 'FEMALE',
    birthDate: `${1930 + (i % 75)}-03-01`,
    regionCode: communities[i % communities.length],
  }));
  return {
    people,
    organizations: [{ id: randomUUID(), name: '马尾区金色年华社工服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350105' }],
    // neighbour-stations seeds first: the 金厝边 pilots are Fuzhou communities with a station.
    stations: [
      { id: randomUUID(), name: '新港社区志愿服务驿站', regionCode: '350105001004' },
      { id: randomUUID(), name: '闽江村邻里互助驿站', regionCode: '350105102227' },
      { id: randomUUID(), name: '万福社区驿站', regionCode: '350504001001' },
    ],
  };
}

describe('the elder-care seed', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  it('when planned twice from one seed, then the rows are the same, and every elder and volunteer is a person of the directory', () => {
    const options = { seed: 11, size: 'demo' as const, population: population() };
    const plan = planElderCareSeed(options);
    expect(planElderCareSeed(options)).toEqual(plan);
    const ids = new Set(options.population.people.map((p) => p.id));
    expect(plan.elders.every((e) => ids.has(e.personId))).toBe(true);
    expect(plan.members.every((m) => ids.has(m.personId))).toBe(true);
    expect(plan.requests.filter((r) => r.volunteerId).every((r) => ids.has(r.volunteerId!))).toBe(true);
    expect(planElderCareSeed({ ...options, seed: 12 })).not.toEqual(plan);
  });

  it('when a larger size is asked of the demo plan, then it says those are generated in SQL', () => {
    expect(() => planElderCareSeed({ seed: 11, size: 'city', population: population() })).toThrow(/generated in SQL/);
  });

  it('when seeded, then 马尾区 and 洛江区 have elders and open requests, every state is present and the ledger is consistent', async () => {
    expect(await elderCare.isEmpty!(graph.db)).toBe(true);
    await elderCare.seed!(graph.db, { seed: 20261123, size: 'demo', population: population() });
    expect(await elderCare.isEmpty!(graph.db)).toBe(false);

    const { body } = await graph.query(
      `{ _entities(representations: [{ __typename: "Region", code: "350105" }, { __typename: "Region", code: "350504" }]) {
      ... on Region { code elderCare { elders openRequests completedServices hoursDeposited hoursOutstanding } } } }`,
      {},
      EXACT_FIGURES,
    );
    for (const district of body.data._entities) {
      expect(district.elderCare.elders).toBeGreaterThan(0);
      expect(district.elderCare.openRequests).toBeGreaterThan(0);
    }
    const states = await graph.db.query(`SELECT DISTINCT status FROM elder_care.service_request WHERE region_code LIKE '350105%' ORDER BY status`);
    expect(states.map((s: any) => s.status)).toEqual(['CANCELLED', 'CLAIMED', 'COMPLETED', 'OPEN', 'RATED']);
    const kinds = await graph.db.query(`SELECT DISTINCT kind FROM elder_care.service_team ORDER BY kind`);
    expect(kinds.map((k: any) => k.kind)).toEqual(['RESIDENT_GROUP', 'SERVICE_ORGANIZATION', 'VOLUNTEER_TEAM']);

    // The books: balances equal their transfers, none negative, all sum to zero, each confirmed request deposited
    // once, a pool filled by overflow, and every hour explained: issued for a service or carried over as an opening balance.
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
    const [check] = await graph.db.query(
      `SELECT (SELECT count(*)::int FROM elder_care.service_request WHERE hours_status = 'DEPOSITED') AS confirmed,
              (SELECT array_agg(DISTINCT hours_status) FROM elder_care.service_request WHERE status IN ('COMPLETED', 'RATED') AND hours_status <> 'DEPOSITED') AS unconfirmed,
              (SELECT count(*)::int FROM elder_care.service_request WHERE hours_status = 'DISPUTED' AND region_code LIKE '350105%') AS disputed,
              (SELECT count(DISTINCT request_id)::int FROM elder_care.time_bank_transfer WHERE kind = 'DEPOSIT') AS deposited,
              (SELECT count(*)::int FROM elder_care.time_bank_account WHERE kind = 'POOL') AS pools,
              (SELECT max(balance)::float FROM elder_care.time_bank_account) AS highest,
              (SELECT array_agg(DISTINCT kind ORDER BY kind) FROM elder_care.time_bank_transfer) AS kinds,
              (SELECT sum(hours)::float FROM elder_care.time_bank_transfer WHERE kind IN ('DEPOSIT', 'OPENING_BALANCE')) AS issued,
              (SELECT -sum(balance)::float FROM elder_care.time_bank_account WHERE kind = 'ISSUING') AS issuing`,
    );
    expect(check.deposited).toBe(check.confirmed);
    // Completions are confirmed by a rating or after 7 days (recent ones were rated), but for one disputed in each first district.
    expect(check.unconfirmed).toEqual(['DISPUTED']);
    expect(check.disputed).toBe(1);
    expect(check.pools).toBeGreaterThan(0);
    expect(check.highest).toBeLessThanOrEqual(1500);
    expect(check.kinds).toEqual(expect.arrayContaining(['DEPOSIT', 'GRANT', 'OPENING_BALANCE', 'OVERFLOW', 'REDEMPTION', 'REWARD']));
    expect(check.issuing).toBeCloseTo(check.issued, 2);
    // The statistics say what the ledger says.
    const [ledger] = await graph.db.query(
      `SELECT (SELECT sum(t.hours)::float FROM elder_care.time_bank_transfer t JOIN elder_care.service_request r ON r.id = t.request_id
               WHERE t.kind = 'DEPOSIT' AND r.region_code LIKE '350105%') AS deposited,
              (SELECT sum(balance)::float FROM elder_care.time_bank_account WHERE kind IN ('PERSON', 'POOL') AND region_code LIKE '350105%') AS held`,
    );
    expect(body.data._entities[0].elderCare.hoursDeposited).toBeCloseTo(ledger.deposited, 2);
    expect(body.data._entities[0].elderCare.hoursOutstanding).toBeCloseTo(ledger.held, 2);
    // No one served a request of their own elder.
    const [selfDealt] = await graph.db.query(
      `SELECT count(*)::int AS n FROM elder_care.service_request r JOIN elder_care.elder e ON e.id = r.elder_id
       WHERE r.volunteer_person_id IN (e.person_id, r.requested_by, e.emergency_contact_person_id)
          OR r.volunteer_person_id IN (SELECT person_id FROM elder_care.elder_carer c WHERE c.elder_id = e.id)`,
    );
    expect(selfDealt.n).toBe(0);

    // The API reads the seeded rows: an elder of 新港社区 with its station link column and a request history.
    const read = await graph.query(
      `{ elders(regionCode: "350105", first: 3) { totalCount edges { node { id riskLevel conditions } } }
      serviceRequests(regionCode: "350504", status: OPEN) { totalCount edges { node { history { status actingAs } } } } }`,
      {},
      cityAdmin(),
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.serviceRequests.edges[0].node.history[0].status).toBe('OPEN');
  });
});

describe('the elder-care population', () => {
  it('when the seed has run, then the elders are handed on for partner seeds', async () => {
    const graph = await startSubgraphHarness(elderCare);
    try {
      const plan = planElderCareSeed({ seed: 3, size: 'demo', population: population() });
      await elderCare.seed!(graph.db, { seed: 3, size: 'demo', population: population() });
      const handed = await elderCare.population!(graph.db);
      expect(handed.elders!.length).toBeGreaterThan(0);
      expect(handed.elders![0]).toEqual({
        id: expect.any(String),
        personId: expect.any(String),
        regionCode: expect.stringMatching(/^\d{12}$/),
        conditions: expect.any(Array),
      });
      expect(plan.elders.length).toBeGreaterThan(0);
    } finally {
      await graph.stop();
    }
  });
});
