import { EXACT_FIGURES, nonZeroMonths, recordStatements, regionRefs, trendSuite, TWELVE_MONTHS } from '@civic/shared/src/testing';
import { veteranVolunteers } from '../src/module';
import { aTeam, codeOf } from './arrange';

describe('Region.veteranActivitiesByMonth', () => {
  const trend = trendSuite(veteranVolunteers, 'veteranActivitiesByMonth');
  const { query: SERIES, series } = trend;

  /** An activity of a team of the community, starting at `startsAt` (an instant). */
  async function anActivity(regionCode: string, startsAt: string) {
    const team = await aTeam(trend.graph.db, '红色义工队', regionCode);
    await trend.graph.db.query(
      `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
       VALUES ($1, $2, '义诊', 'HEALTH_CLINIC', $3, $3::timestamptz + interval '2 hours')`,
      [team.id, regionCode, startsAt],
    );
  }

  it("when a region has none, then the 12 months up to the clock's are listed, oldest first, each 0 and not suppressed", async () => {
    expect(await series('350111')).toEqual([TWELVE_MONTHS.map((month) => ({ month, value: 0, suppressed: false }))]);
  });

  it("when activities start either side of midnight at a month's turn in China, then each counts in its China-time month; one still to start this month not yet", async () => {
    const village = '350121001001';
    await anActivity(village, '2026-02-28T15:59:00Z'); // 23:59 on 28 February in China
    await anActivity(village, '2026-02-28T16:00:00Z'); // 00:00 on 1 March
    await anActivity(village, '2026-06-15T03:00:00Z'); // 11:00 today, before the clock's noon
    await anActivity(village, '2026-06-20T01:00:00Z'); // later this month: not held yet
    await anActivity(village, '2025-06-30T15:00:00Z'); // 23:00 on 30 June 2025: before the span
    const [activities] = await series('350121');
    expect(nonZeroMonths(activities)).toEqual({ '2026-02': 1, '2026-03': 1, '2026-06': 1 });
  });

  it('when a district and its streets are asked together, then each covers itself and what lies below it, in one statement', async () => {
    await anActivity('350105001004', '2026-04-10T02:00:00Z');
    await anActivity('350105001004', '2026-04-11T02:00:00Z');
    await anActivity('350105102227', '2026-04-12T02:00:00Z');
    await anActivity('350102001001', '2026-04-12T02:00:00Z'); // 鼓楼区
    const log = recordStatements(trend.graph.db);
    try {
      const april = (await series('350105', '350105001', '350105102', '350104')).map((s: any[]) => s.find((m) => m.month === '2026-04').value);
      expect(april).toEqual([3, 2, 1, 0]);
      expect(log.countByName()).toEqual({ veteranActivitiesByMonth: 1 });
    } finally {
      log.stop();
    }
  });

  it('when months is outside 1 to 24, then it is BAD_USER_INPUT naming months; within, the series has that many months', async () => {
    for (const months of [0, 25]) {
      const { body } = await trend.graph.query(SERIES, { ...regionRefs('350105'), months }, EXACT_FIGURES);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors[0].extensions.argument).toBe('months');
    }
    const { body } = await trend.graph.query(SERIES, { ...regionRefs('350105'), months: 3 }, EXACT_FIGURES);
    expect(body.data._entities[0].veteranActivitiesByMonth.map((m: any) => m.month)).toEqual(['2026-04', '2026-05', '2026-06']);
  });
});
