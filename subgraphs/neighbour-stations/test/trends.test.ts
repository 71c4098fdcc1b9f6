import { EXACT_FIGURES, nonZeroMonths, recordStatements, regionRefs, trendSuite, TWELVE_MONTHS } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { insertStation } from './arrange';

describe('Region.stationOrdersByMonth', () => {
  const trend = trendSuite(neighbourStations, 'stationOrdersByMonth');
  const { query: SERIES, series } = trend;

  /** An order placed at `placedAt` (an instant) at a station of the community. */
  async function anOrder(regionCode: string, placedAt: string, status = 'PLACED') {
    const stationId = await insertStation(trend.graph.db, { regionCode });
    await trend.graph.db.query(
      `INSERT INTO neighbour_stations.station_order (station_id, region_code, help, status, created_at) VALUES ($1, $2, 'ELDERLY', $3, $4)`,
      [stationId, regionCode, status, placedAt],
    );
  }

  it("when a region has none, then the 12 months up to the clock's are listed, oldest first, each 0 and not suppressed", async () => {
    expect(await series('350111')).toEqual([TWELVE_MONTHS.map((month) => ({ month, value: 0, suppressed: false }))]);
  });

  it("when orders are placed either side of midnight at a month's turn in China, then each counts in its China-time month, cancelled ones too", async () => {
    const community = '350121001001';
    await anOrder(community, '2025-12-31T15:59:00Z'); // 23:59 on 31 December 2025 in China
    await anOrder(community, '2025-12-31T16:00:00Z', 'CANCELLED'); // 00:00 on 1 January 2026
    await anOrder(community, '2026-01-31T16:00:00Z', 'COMPLETED'); // 1 February
    await anOrder(community, '2025-06-30T15:00:00Z'); // before the span
    const [orders] = await series('350121');
    expect(nonZeroMonths(orders)).toEqual({ '2025-12': 1, '2026-01': 1, '2026-02': 1 });
  });

  it('when a district and its streets are asked together, then each covers itself and what lies below it, in one statement', async () => {
    await anOrder('350105001004', '2026-04-10T02:00:00Z');
    await anOrder('350105001004', '2026-04-11T02:00:00Z');
    await anOrder('350105102227', '2026-04-12T02:00:00Z');
    await anOrder('350102001001', '2026-04-12T02:00:00Z'); // 鼓楼区
    const log = recordStatements(trend.graph.db);
    try {
      const april = (await series('350105', '350105001', '350105102', '350104')).map((s: any[]) => s.find((m) => m.month === '2026-04').value);
      expect(april).toEqual([3, 2, 1, 0]);
      expect(log.countByName()).toEqual({ stationOrdersByMonth: 1 });
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
