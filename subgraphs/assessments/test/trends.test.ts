import { EXACT_FIGURES, nonZeroMonths, recordStatements, regionRefs, trendSuite, TWELVE_MONTHS } from '@civic/shared/src/testing';
import { assessments } from '../src/module';

const TEMPLATE = `(SELECT id FROM assessments.template WHERE code = 'STATION_EVALUATION')`;

describe('Region.assessmentsByMonth', () => {
  const trend = trendSuite(assessments, 'assessmentsByMonth');
  const { query: SERIES, series } = trend;

  /** An assessment of a subject in the region, submitted at `submittedAt` (null: a draft, begun then). */
  async function anAssessment(regionCode: string, submittedAt: string | null, at = submittedAt, status = submittedAt ? 'SUBMITTED' : 'DRAFT') {
    await trend.graph.db.query(
      `INSERT INTO assessments.assessment (template_id, period, subject_type, subject_id, region_code, kind, status, total_score, created_at, submitted_at, finalized_at)
       VALUES (${TEMPLATE}, '2026-H1', 'STATION', gen_random_uuid()::text, $1, 'ROUTINE', $2, 80, $3, $4, CASE WHEN $2 = 'FINAL' THEN $4::timestamptz END)`,
      [regionCode, status, at, submittedAt],
    );
  }

  it("when a region has none, then the 12 months up to the clock's are listed, oldest first, each 0 and not suppressed", async () => {
    expect(await series('350111')).toEqual([TWELVE_MONTHS.map((month) => ({ month, value: 0, suppressed: false }))]);
  });

  it("when assessments are submitted either side of midnight at a month's turn in China, then each counts in its China-time month; drafts never", async () => {
    const community = '350121001001';
    await anAssessment(community, '2026-03-31T15:59:00Z'); // 23:59 on 31 March in China
    await anAssessment(community, '2026-03-31T16:00:00Z', '2026-03-01T02:00:00Z', 'FINAL'); // 00:00 on 1 April, begun in March
    await anAssessment(community, null, '2026-05-10T02:00:00Z'); // a draft
    const [monthly] = await series('350121');
    expect(nonZeroMonths(monthly)).toEqual({ '2026-03': 1, '2026-04': 1 });
  });

  it('when a district, its streets and the district itself as a subject are asked together, then each covers itself and what lies below it, in one statement', async () => {
    await anAssessment('350105001004', '2026-04-10T02:00:00Z');
    await anAssessment('350105001004', '2026-04-11T02:00:00Z');
    await anAssessment('350105', '2026-04-12T02:00:00Z'); // the district as a subject: not its streets'
    await anAssessment('350102001001', '2026-04-12T02:00:00Z'); // 鼓楼区
    const log = recordStatements(trend.graph.db);
    try {
      const april = (await series('350105', '350105001', '350105102')).map((s: any[]) => s.find((m) => m.month === '2026-04').value);
      expect(april).toEqual([3, 2, 0]);
      expect(log.countByName()).toEqual({ assessmentsByMonth: 1 });
    } finally {
      log.stop();
    }
  });

  it('when months is outside 1 to 24, then it is BAD_USER_INPUT naming months', async () => {
    for (const months of [0, 25]) {
      const { body } = await trend.graph.query(SERIES, { ...regionRefs('350105'), months }, EXACT_FIGURES);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'months' });
    }
  });
});
