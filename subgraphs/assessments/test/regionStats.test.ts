import { EXACT_FIGURES, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';

const SUMMARY = `query ($codes: [_Any!]!) {
  _entities(representations: $codes) { ... on Region { code assessmentSummary { assessments averageScore } } }
}`;
const CERTIFIED = `query ($keys: [_Any!]!) {
  _entities(representations: $keys) { ... on StationStats { regionCode certified } }
}`;
const regions = (...codes: string[]) => ({ codes: codes.map((code) => ({ __typename: 'Region', code })) });
const statsKeys = (...codes: string[]) => ({ keys: codes.map((regionCode) => ({ __typename: 'StationStats', regionCode })) });
const CODES = ['350105', '350105001', '3501', '35', '350503'];
// Any template will do: the summary counts totals, whatever form they were scored on.
const TEMPLATE = `(SELECT id FROM assessments.template WHERE code = 'STATION_EVALUATION')`;
const inside = (prefix: string) => (row: { region_code: string }) => row.region_code.startsWith(prefix);

describe('Region.assessmentSummary', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(assessments);
  });
  afterAll(() => graph.stop());

  it('when only drafts exist, then nothing is counted and there is no average', async () => {
    await graph.db.query(
      `INSERT INTO assessments.assessment (template_id, period, subject_type, subject_id, region_code, kind, total_score)
       VALUES (${TEMPLATE}, '2025', 'STATION', gen_random_uuid()::text, '350111001001', 'ROUTINE', 90)`,
    );
    const { body } = await graph.query(SUMMARY, regions('350111'), EXACT_FIGURES);
    expect(body.data._entities[0].assessmentSummary).toEqual({ assessments: 0, averageScore: null });
  });

  it('when assessments exist in and around a district, then it summarises exactly the submitted ones at or below it', async () => {
    const subjects: [string, string][] = [
      ['STATION', '350105001001'],
      ['VETERAN_TEAM', '350105002003'],
      ['ORGANIZATION', '350105100200'],
      ['REGION', '350105'], // the district itself: counts for 350105 and above, not for its streets
      ['STATION', '350102001001'],
      ['REGION', '350504'],
    ];
    const statuses = ['DRAFT', 'SUBMITTED', 'FINAL', 'FINAL'];
    for (const [s, [subjectType, regionCode]] of subjects.entries()) {
      for (const [i, status] of statuses.entries()) {
        await graph.db.query(
          `INSERT INTO assessments.assessment (template_id, period, subject_type, subject_id, region_code, kind, status, total_score, submitted_at, finalized_at)
           VALUES (${TEMPLATE}, '2025', $1, gen_random_uuid()::text, $2, 'SPOT_CHECK', $3, $4,
             CASE WHEN $3 = 'DRAFT' THEN NULL ELSE now() END, CASE WHEN $3 = 'FINAL' THEN now() END)`,
          [subjectType, regionCode, status, 60 + s * 3.25 + i * 7.5],
        );
      }
    }
    // Counted another way: in JavaScript over the rows themselves.
    const rows: { region_code: string; status: string; total_score: string }[] = await graph.db.query(
      `SELECT region_code, status, total_score FROM assessments.assessment`,
    );
    const submitted = rows.filter((r) => r.status !== 'DRAFT');
    const expected = (prefix: string) => {
      const scores = submitted.filter(inside(prefix)).map((r) => Number(r.total_score));
      return {
        assessments: scores.length,
        averageScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      };
    };

    const { body } = await graph.query(SUMMARY, regions(...CODES), EXACT_FIGURES);
    const summaries = body.data._entities.map((e: any) => e.assessmentSummary);
    for (const [i, code] of CODES.entries()) {
      const want = expected(code);
      expect(summaries[i].assessments).toBe(want.assessments);
      if (want.averageScore === null) expect(summaries[i].averageScore).toBeNull();
      else expect(summaries[i].averageScore).toBeCloseTo(want.averageScore, 9);
    }
    expect(summaries.map((s: any) => s.assessments)).toEqual([12, 3, 15, 18, 0]);
    expect(summaries[4].averageScore).toBeNull();
  });
});

describe('StationStats.certified', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(assessments);
  });
  afterAll(() => graph.stop());

  it('when nothing is certified, then the count is zero', async () => {
    const { body } = await graph.query(CERTIFIED, statsKeys('350105'), EXACT_FIGURES);
    expect(body.data._entities).toEqual([{ regionCode: '350105', certified: 0 }]);
  });

  it('when stations in and around a district hold plaques, then it counts those not suspended, once per station', async () => {
    const live = ['350105001001', '350105002003', '350105100200', '350102001001', '350504001001'];
    await graph.db.query(
      `INSERT INTO assessments.certification (station_id, region_code, certified_at)
       SELECT gen_random_uuid(), code, now() - interval '1 year' FROM unnest($1::text[]) AS code`,
      [live],
    );
    // A station that lost its plaque after a failed spot check, and one certified again since.
    await graph.db.query(
      `INSERT INTO assessments.certification (station_id, region_code, certified_at, suspended_at)
       VALUES (gen_random_uuid(), '350105001002', now() - interval '1 year', now() - interval '1 month')`,
    );
    await graph.db.query(
      `WITH recertified AS (SELECT gen_random_uuid() AS id)
       INSERT INTO assessments.certification (station_id, region_code, certified_at, suspended_at)
       SELECT id, '350105002001', at, CASE WHEN at < now() - interval '1 month' THEN now() - interval '3 months' END
       FROM recertified, unnest(ARRAY[now() - interval '2 years', now() - interval '1 week']) AS at`,
    );
    // Counted another way: in JavaScript over the rows themselves.
    const rows: { station_id: string; region_code: string; suspended_at: Date | null }[] = await graph.db.query(
      `SELECT station_id, region_code, suspended_at FROM assessments.certification`,
    );
    const expected = (prefix: string) => ({
      regionCode: prefix,
      certified: new Set(rows.filter((r) => inside(prefix)(r) && r.suspended_at === null).map((r) => r.station_id)).size,
    });

    const { body } = await graph.query(CERTIFIED, statsKeys(...CODES), EXACT_FIGURES);
    expect(body.data._entities).toEqual(CODES.map(expected));
    expect(body.data._entities[0].certified).toBe(4);
    expect(body.data._entities[4].certified).toBe(0);

    // Reached from the regions themselves, as a dashboard's one call here asks it
    // (Region.stationStats is shareable with neighbour-stations): the same counts.
    const fromRegions = await graph.query(
      `query ($codes: [_Any!]!) { _entities(representations: $codes) { ... on Region { code stationStats { regionCode certified } } } }`,
      regions(...CODES),
      EXACT_FIGURES,
    );
    expect(fromRegions.body.data._entities).toEqual(CODES.map((code) => ({ code, stationStats: expected(code) })));
  });
});
