import { subgraphDataSource, type SeedPopulation } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { elderCare } from '../src/module';
import { writeGeneratedElderCare } from '../src/seed/generated';
import { movedTo } from '../src/seed';
import { planElderCareSeed } from '../src/seed/plan';
import { rollupAgainstOracle } from '@civic/shared/src/testing';
import { ELDER_CARE_FIELDS, ELDER_CARE_ROLLUP } from '../src/repositories/rollup';
import { ledgerBreaches } from './arrange';
import { ELDER_CARE_ORACLE } from './rollupOracle';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** A small directory with fixed ids: old and working-age people in 马尾区 and 洛江区 communities. */
function population(): SeedPopulation {
  const communities = ['350105001004', '350105102227', '350105101210', '350105001002', '350504001001', '350504100201', '350203001001'];
  const people = Array.from({ length: 900 }, (_, i) => ({
    id: uuid(i + 1),
    gender: (i % 2 ? 'FEMALE' : 'MALE') as 'MALE' | 'FEMALE',
    birthDate: `${1931 + (i % 77)}-0${1 + (i % 9)}-1${i % 10}`,
    regionCode: communities[i % communities.length],
    name: `${['陈', '林', '黄'][i % 3]}某${i}`,
  }));
  return {
    people,
    organizations: [{ id: uuid(5000), name: '马尾区金色年华社工服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350105' }],
    regions: [{ code: '350105', name: '马尾区' }],
    stations: [
      { id: uuid(6001), name: '新港社区志愿服务驿站', regionCode: '350105001004' },
      { id: uuid(6002), name: '闽江村邻里互助驿站', regionCode: '350105102227' },
    ],
  };
}

/** Each table the seed writes, with what the database fills in itself (serial ids, the time of writing), left out of the digest. */
const TABLES: Record<string, { omit: string[]; order: string }> = {
  elder: { omit: ['created_at'], order: 'id' },
  elder_carer: { omit: [], order: 'elder_id, person_id' },
  pilot_community: { omit: [], order: 'region_code' },
  service_team: { omit: ['created_at'], order: 'id' },
  service_team_member: { omit: ['joined_at'], order: 'team_id, person_id' },
  service_request: { omit: [], order: 'id' },
  service_request_step: { omit: ['id'], order: 'id' },
  time_bank_account: { omit: ['created_at'], order: 'id' },
  time_bank_transfer: { omit: ['id'], order: 'id' },
};

/** A digest of each table's rows as the seed wrote them, to compare two seeds. */
async function checksum(db: SubgraphHarness['db'] | import('typeorm').EntityManager): Promise<Record<string, string>> {
  const parts = Object.entries(TABLES).map(
    ([table, { omit, order }]) =>
      `(SELECT md5(coalesce(string_agg((to_jsonb(x) - '{${omit.join(',')}}'::text[])::text, '|' ORDER BY ${order}), '')) FROM elder_care.${table} x)`,
  );
  const [digests] = await db.query(`SELECT ${parts.map((part, i) => `${part} AS "${Object.keys(TABLES)[i]}"`).join(', ')}`);
  return digests;
}

describe('the generated elder-care seed (city and province sizes, in SQL)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(elderCare);
  });
  afterAll(() => graph.stop());

  /** Seeds in a transaction rolled back afterwards, answering the checksum of what it wrote. */
  async function seededChecksum(seed: number, today = '2026-11-23'): Promise<Record<string, string>> {
    const runner = graph.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await writeGeneratedElderCare(runner.manager, { seed, size: 'city', today, population: population() });
      return await checksum(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('when generated twice from one seed number, then every row is the same; another seed or day gives other rows', async () => {
    const first = await seededChecksum(7);
    expect(await seededChecksum(7)).toEqual(first);
    const other = await seededChecksum(8);
    const otherDay = await seededChecksum(7, '2026-12-02');
    for (const table of ['elder', 'service_request', 'service_request_step', 'time_bank_transfer']) {
      expect(other[table]).not.toBe(first[table]);
      if (table !== 'elder') expect(otherDay[table]).not.toBe(first[table]);
    }
  });

  it('when seeded, then every old person is an elder, the history spans the year before the day, and every account is its transfers', async () => {
    // As the launcher seeds: as the schema's owner, who may set indexes and the rollup's triggers aside for the load.
    const owner = await subgraphDataSource(elderCare, graph.database.migrationUrl!, 1).initialize();
    try {
      await elderCare.seed!(owner, { seed: 20261123, size: 'city', today: '2026-12-02', population: population() });
    } finally {
      await owner.destroy();
    }
    const old = population().people.filter((p) => +p.birthDate.slice(0, 4) <= 1960).length;
    const [elders] = await graph.db.query(`SELECT count(*)::int AS n FROM elder_care.elder`);
    expect(elders.n).toBe(old);
    const [span] = await graph.db.query(
      `SELECT min(created_at) >= '2025-12-01T00:00:00+08:00' AS since_a_year, max(s.at) < '2026-12-02T00:00:00+08:00' AS before_the_day,
              count(DISTINCT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'))::int AS months,
              count(*) FILTER (WHERE created_at >= '2026-11-01T00:00:00+08:00')::int AS this_month
       FROM elder_care.service_request r JOIN elder_care.service_request_step s ON s.request_id = r.id`,
    );
    expect(span).toEqual({ since_a_year: true, before_the_day: true, months: expect.any(Number), this_month: expect.any(Number) });
    expect(span.months).toBeGreaterThanOrEqual(12);
    expect(span.this_month).toBeGreaterThan(0);
    const states = await graph.db.query(`SELECT DISTINCT status FROM elder_care.service_request ORDER BY 1`);
    expect(states.map((s: { status: string }) => s.status)).toEqual(['CANCELLED', 'CLAIMED', 'COMPLETED', 'OPEN', 'RATED']);
    // Each request's history ends in its state, and its last step is when it was last changed.
    const [history] = await graph.db.query(`
      SELECT count(*) FILTER (WHERE last.status <> r.status)::int AS wrong_state, count(*) FILTER (WHERE last.at <> r.updated_at)::int AS wrong_time
      FROM elder_care.service_request r
      CROSS JOIN LATERAL (SELECT status, at FROM elder_care.service_request_step s WHERE s.request_id = r.id ORDER BY id DESC LIMIT 1) last`);
    expect(history).toEqual({ wrong_state: 0, wrong_time: 0 });
    // Every confirmed request's hours were deposited once, to the volunteer who served it.
    const [deposits] = await graph.db.query(`
      SELECT count(*) FILTER (WHERE t.id IS NULL)::int AS missing, count(*) FILTER (WHERE a.person_id <> r.volunteer_person_id OR t.hours <> r.hours)::int AS wrong
      FROM elder_care.service_request r
      LEFT JOIN elder_care.time_bank_transfer t ON t.request_id = r.id AND t.kind = 'DEPOSIT'
      LEFT JOIN elder_care.time_bank_account a ON a.id = t.credit_account_id
      WHERE r.hours_status = 'DEPOSITED'`);
    expect(deposits).toEqual({ missing: 0, wrong: 0 });
    expect(await ledgerBreaches(graph.db)).toEqual({ mismatched: 0, negative: 0 });
    const kinds = await graph.db.query(`SELECT DISTINCT kind FROM elder_care.time_bank_transfer ORDER BY 1`);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['DEPOSIT', 'OPENING_BALANCE', 'REDEMPTION']));
    // The load ran with the region rollup's triggers off (loadBypassingRollup): its figures rebuilt are the tables', and the triggers on again.
    const figures = await rollupAgainstOracle(graph.db, ELDER_CARE_ROLLUP, ELDER_CARE_FIELDS, ELDER_CARE_ORACLE);
    expect(figures.rollup).toEqual(figures.oracle);
    expect(figures.rollup.find((r) => r.code === '350105')).toMatchObject({ elders: expect.any(Number), hoursDeposited: expect.any(Number) });
    const [{ off }] = await graph.db.query(`SELECT count(*)::int AS off FROM pg_trigger WHERE tgname LIKE 'rollup%' AND tgenabled = 'D'`);
    expect(off).toBe(0);
  });

  it('when the demo is seeded on a later day, then its history moves by those days and keeps its shape', () => {
    const plan = planElderCareSeed({ seed: 3, size: 'demo', population: population() });
    const moved = movedTo(plan, '2026-12-02');
    const nine = 9 * 86_400_000;
    expect(moved.requests.map((r) => r.createdAt.getTime() - nine)).toEqual(plan.requests.map((r) => r.createdAt.getTime()));
    expect(moved.steps.map((s) => s.at.getTime() - nine)).toEqual(plan.steps.map((s) => s.at.getTime()));
    expect(moved.transfers.map((t) => t.at.getTime() - nine)).toEqual(plan.transfers.map((t) => t.at.getTime()));
    expect(moved.requests.map((r) => r.status)).toEqual(plan.requests.map((r) => r.status));
    expect(movedTo(plan, '2026-11-23')).toBe(plan);
  });
});
