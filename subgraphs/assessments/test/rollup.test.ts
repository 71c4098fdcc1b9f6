import { regionsInUseAgainstOracle, rollupAgainstOracle, rollupReadTests, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { assessments } from '../src/module';
import { ASSESSMENT_ROLLUP, ASSESSMENT_SUMMARY_FIELDS, ASSESSMENT_TABLE, CERTIFICATION_TABLE, CERTIFIED_FIELDS } from '../src/repositories/rollup';
import { ASSESSMENT_SUMMARY_SQL, CERTIFIED_STATIONS_SQL, toAssessmentSummaryOracle, toCertifiedStationsOracle } from './rollupOracle';
import { FakeGateway, FINALIZE, form, Form, officer, scoresAt, startFakeGateway, SUBMIT } from './arrange';

const SUMMARY = { sql: ASSESSMENT_SUMMARY_SQL, toStats: toAssessmentSummaryOracle, regionsInUse: `SELECT region_code FROM ${ASSESSMENT_TABLE}` };
const CERTIFIED = { sql: CERTIFIED_STATIONS_SQL, toStats: toCertifiedStationsOracle, regionsInUse: `SELECT region_code FROM ${CERTIFICATION_TABLE}` };
const COMMUNITIES = ['350504001002', '350504001001', '350504101211', '350105001004'];

describe('assessment figures from the rollup', () => {
  let gateway: FakeGateway;
  let graph: SubgraphHarness;
  let form7: Form;
  beforeAll(async () => {
    gateway = await startFakeGateway();
    graph = await startSubgraphHarness(assessments, gateway.url);
    form7 = await form(graph.db, 'STATION_EVALUATION');
  });
  afterAll(async () => {
    await graph.stop();
    await gateway.stop();
  });

  const expectExact = async () => {
    for (const [fields, oracle] of [
      [ASSESSMENT_SUMMARY_FIELDS, SUMMARY],
      [CERTIFIED_FIELDS, CERTIFIED],
    ] as const) {
      const compared = await rollupAgainstOracle(graph.db, ASSESSMENT_ROLLUP, fields, oracle as typeof SUMMARY);
      expect(compared.rollup).toEqual(compared.oracle);
    }
    for (const table of [ASSESSMENT_TABLE, CERTIFICATION_TABLE]) {
      const inUse = await regionsInUseAgainstOracle(graph.db, ASSESSMENT_ROLLUP, [table]);
      expect(inUse.rollup).toEqual(inUse.oracle);
    }
  };

  /** A station's evaluations through the mutations: submitted, made final (a plaque when it passes), and a failed check. */
  async function evaluated(i: number) {
    const community = COMMUNITIES[i % COMMUNITIES.length];
    const as = officer(community.slice(0, 6));
    const station = gateway.add('station', community);
    const assess = async (kind: string, share: number, finalize: boolean) => {
      const { body } = await graph.query(
        SUBMIT,
        { t: form7.id, type: 'STATION', s: station, kind, scores: scoresAt(form7, share), period: `2026-Q${1 + (i % 4)}` },
        as,
      );
      expect(body.errors).toBeUndefined();
      if (finalize) expect((await graph.query(FINALIZE, { id: body.data.submitAssessment.id }, as)).body.errors).toBeUndefined();
    };
    await assess('ROUTINE', 0.85 + (i % 3) * 0.05, true);
    await assess('ROUTINE', 0.7 + (i % 4) * 0.05, false);
    if (i % 3 === 0) await assess('UNANNOUNCED_VISIT', 0.6, true);
  }

  it('when stations are evaluated through the mutations, many at once, made final, certified and suspended, and rows move region, then every figure equals the aggregate over the tables', async () => {
    await evaluated(0);
    await evaluated(1);
    await expectExact();
    await Promise.all([2, 3, 4, 5, 6, 7].map(evaluated));
    await expectExact();
    const [province] = (await rollupAgainstOracle(graph.db, ASSESSMENT_ROLLUP, { ...ASSESSMENT_SUMMARY_FIELDS, ...CERTIFIED_FIELDS }, SUMMARY)).rollup.filter(
      (r) => r.code === '35',
    );
    expect(province).toMatchObject({ assessments: 19, finalAssessments: 11, certified: 5 });
    await graph.db.query(`UPDATE assessments.assessment SET region_code = '350203001001' WHERE region_code = $1`, [COMMUNITIES[0]]);
    await graph.db.query(`UPDATE assessments.certification SET region_code = '350203001001' WHERE region_code = $1`, [COMMUNITIES[1]]);
    await expectExact();
  });

  rollupReadTests({
    graph: () => graph,
    rollup: ASSESSMENT_ROLLUP,
    dashboard: 'assessmentSummary { assessments averageScore } stationStats { certified }',
    oneField: { selection: 'assessmentSummary { averageScore }', figures: ['assessments', 'scoreTotal'] },
    writes: async (tx) => {
      await tx.query(`UPDATE assessments.assessment SET total_score = total_score + 1, bonus_points = bonus_points + 1`);
      await tx.query(`UPDATE assessments.certification SET suspended_at = now() WHERE suspended_at IS NULL`);
    },
    expectExact,
  });
});
