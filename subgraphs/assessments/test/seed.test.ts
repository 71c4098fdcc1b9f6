import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import type { SeedPopulation } from '@civic/shared';
import { assessments } from '../src/module';
import type { Population } from '../src/seed/plan';

const uuidFrom = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const POPULATION: Population = {
  people: Array.from({ length: 20 }, (_, i) => ({
    id: uuidFrom(i + 1),
    gender: 'FEMALE' as const,
    birthDate: '1950-01-01',
    regionCode: i % 2 ? '350105001004' : `35010500100${(i % 5) + 1}`,
  })),
  organizations: [
    { id: uuidFrom(101), name: '洛江区爱邻舍社会工作服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350504' },
    { id: uuidFrom(102), name: '刺桐花微公益协会', kind: 'ASSOCIATION', regionCode: '350504' },
    { id: uuidFrom(103), name: '马尾区乐龄社会工作服务中心', kind: 'SOCIAL_ORGANIZATION', regionCode: '350105' },
    { id: uuidFrom(104), name: '洛江区公安分局', kind: 'GOVERNMENT_UNIT', regionCode: '350504' },
  ] as SeedPopulation['organizations'],
  stations: [
    ['洛阳桥驿站', '350504001002'],
    ['万福社区驿站', '350504001001'],
    ['新民村文明实践驿站', '350504101220'],
    ['永安村文明实践驿站', '350504101211'],
    ['洋坑村爱邻舍驿站', '350504101213'],
    ['双阳警务岗亭驿站', '350504002001'],
    ['新港社区志愿服务驿站', '350105001004'],
    ['罗星社区邻里互助驿站', '350105001003'],
  ].map(([name, regionCode], i) => ({ id: uuidFrom(201 + i), name, regionCode })),
  veteranTeams: [{ id: uuidFrom(301), name: '红色义工队', regionCode: '350105102227' }],
};

describe('the demo seed of assessments', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(assessments);
    expect(await assessments.isEmpty?.(graph.db)).toBe(true);
    await assessments.seed?.(graph.db, { seed: 20261123, size: 'demo', population: POPULATION });
  });
  afterAll(() => graph.stop());

  const q = (sql: string) => graph.db.query(sql);

  it('when seeded, then every station has a final evaluation and the Luojiang pilots are certified', async () => {
    const evaluated = await q(
      `SELECT DISTINCT subject_id FROM assessments.assessment WHERE subject_type = 'STATION' AND kind = 'ROUTINE' AND status = 'FINAL'`,
    );
    expect(evaluated).toHaveLength(8);
    const { body } =
      await graph.query(`{ _entities(representations: [{ __typename: "Station", id: "${uuidFrom(201)}" }, { __typename: "Station", id: "${uuidFrom(202)}" }]) {
      ... on Station { certified latestScore } } }`);
    for (const pilot of body.data._entities) expect(pilot.certified).toBe(true);
    const stats = await graph.query(
      `{ _entities(representations: [{ __typename: "StationStats", regionCode: "350504" }, { __typename: "Region", code: "350504" }]) {
      ... on StationStats { certified } ... on Region { assessmentSummary { assessments averageScore } } } }`,
      {},
      EXACT_FIGURES,
    );
    expect(stats.body.data._entities[0].certified).toBeGreaterThanOrEqual(2);
    expect(stats.body.data._entities[1].assessmentSummary.assessments).toBeGreaterThanOrEqual(6);
  });

  it('when seeded, then each certification follows from its final assessments: certified at the threshold, suspended by a failed check', async () => {
    const rows = await q(`SELECT c.suspended_at IS NOT NULL AS suspended, cb.total_score::float8 AS certifying, sb.total_score::float8 AS failing, sb.kind
      FROM assessments.certification c JOIN assessments.assessment cb ON cb.id = c.certified_by LEFT JOIN assessments.assessment sb ON sb.id = c.suspended_by`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.certifying).toBeGreaterThanOrEqual(85);
      if (row.suspended) {
        expect(row.failing).toBeLessThan(85);
        expect(['SPOT_CHECK', 'UNANNOUNCED_VISIT']).toContain(row.kind);
      }
    }
  });

  it('when seeded, then pilots, organisations and teams are assessed, with totals that agree with the item scores', async () => {
    const bySubject = await q(`SELECT subject_type, count(*)::int AS n FROM assessments.assessment GROUP BY subject_type ORDER BY subject_type`);
    expect(bySubject.map((r: any) => r.subject_type)).toEqual(['ORGANIZATION', 'REGION', 'STATION', 'VETERAN_TEAM']);
    const mismatched = await q(`SELECT a.id FROM assessments.assessment a
      JOIN assessments.assessment_score s ON s.assessment_id = a.id JOIN assessments.template_item i ON i.id = s.item_id
      GROUP BY a.id, a.total_score HAVING abs(sum(s.score * i.weight) - a.total_score) > 0.01`);
    expect(mismatched).toEqual([]);
    const orgs = [101, 102, 103, 104].map(uuidFrom);
    const graded = await graph.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id grade } } }`, {
      reps: orgs.map((id) => ({ __typename: 'Organization', id })),
    });
    const [luojiang, association, mawei, policeUnit] = graded.body.data._entities.map((o: any) => o.grade);
    // Each graded organisation shows the grade its grading total reaches (3A from 70, 4A from 80, 5A from 90).
    const totals = await graph.db.query(
      `SELECT subject_id AS id, total_score::float8 AS total FROM assessments.assessment WHERE subject_type = 'ORGANIZATION' AND status = 'FINAL'`,
    );
    const expected = (id: string) => {
      const total = totals.find((t: any) => t.id === id).total;
      return total >= 90 ? '5A' : total >= 80 ? '4A' : total >= 70 ? '3A' : null;
    };
    expect([luojiang, association, mawei]).toEqual(orgs.slice(0, 3).map(expected));
    expect(['3A', '4A', '5A']).toContain(luojiang);
    // A government unit is not a social organisation: never graded.
    expect(policeUnit).toBeNull();
    expect(await assessments.isEmpty?.(graph.db)).toBe(false);
  });

  it('when checks and evaluations are read, then each was carried out in its period or just after it, never before', async () => {
    const rows: { kind: string; period: string; at: string }[] = await q(`SELECT kind, period,
      to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS at FROM assessments.assessment WHERE submitted_at IS NOT NULL`);
    const bounds = (period: string): [string, string] => {
      const [year, part] = period.split('-');
      if (!part) return [`${year}-01-01`, `${year}-12-31`];
      const [from, to] =
        part === 'H1' ? ['01', '06'] : part === 'H2' ? ['07', '12'] : [String(+part[1] * 3 - 2).padStart(2, '0'), String(+part[1] * 3).padStart(2, '0')];
      return [`${year}-${from}-01`, new Date(Date.UTC(+year, +to, 0)).toISOString().slice(0, 10)];
    };
    const daysAfter = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const checks = rows.filter((r) => r.kind !== 'ROUTINE');
    expect(checks.length).toBeGreaterThan(0);
    // A spot check looks at the quarter it is in; a routine evaluation or annual grading comes after its period, within three months.
    expect(checks.filter((r) => !/^\d{4}-Q[1-4]$/.test(r.period) || r.at < bounds(r.period)[0] || r.at > bounds(r.period)[1])).toEqual([]);
    const routine = rows.filter((r) => r.kind === 'ROUTINE');
    expect(routine.filter((r) => r.at <= bounds(r.period)[1] || daysAfter(bounds(r.period)[1], r.at) > 92)).toEqual([]);
  });

  it('when the same seed is planned twice, then the same rows result; another seed differs', async () => {
    const again = await startSubgraphHarness(assessments);
    const other = await startSubgraphHarness(assessments);
    try {
      await assessments.seed?.(again.db, { seed: 20261123, size: 'demo', population: POPULATION });
      await assessments.seed?.(other.db, { seed: 7, size: 'demo', population: POPULATION });
      const rows = (db: typeof graph.db) => db.query(`SELECT id, subject_id, kind, status, total_score FROM assessments.assessment ORDER BY id`);
      expect(await rows(again.db)).toEqual(await rows(graph.db));
      expect(await rows(other.db)).not.toEqual(await rows(graph.db));
    } finally {
      await again.stop();
      await other.stop();
    }
  });
});
