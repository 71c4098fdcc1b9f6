import { randomUUID } from 'node:crypto';
import { EXACT_FIGURES, nonZeroMonths, recordStatements, regionRefs, regionSeriesQuery, trendSuite, TWELVE_MONTHS } from '@civic/shared/src/testing';
import { makeMonthlyPartitionsCovering } from '@civic/shared';
import { elderCare } from '../src/module';
import { LEDGER_PARTITIONING } from '../src/domain/timeBank';
import { anElder, codeOf } from './arrange';

const ALL = regionSeriesQuery(
  'placed: requestsPlacedByMonth { month value suppressed } completed: requestsCompletedByMonth { month value } hours: hoursByMonth { month value }',
);

describe('Region trends in elder care (requestsPlacedByMonth, requestsCompletedByMonth, hoursByMonth)', () => {
  const trend = trendSuite(elderCare);

  /** A request placed at `placedAt`, in a state; completed at `completedAt` with its hours deposited at `depositedAt` when given. */
  async function aRequest(regionCode: string, placedAt: string, status = 'OPEN', completedAt: string | null = null, deposit?: { hours: number; at: string }) {
    const elder = await anElder(trend.graph.db, regionCode);
    const volunteer = randomUUID();
    const [request] = await trend.graph.db.query(
      `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, volunteer_person_id, hours, hours_status, completed_at, created_at)
       VALUES ($1, $2, 'VISIT', 'VOLUNTEER_CLAIM', $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        elder.id,
        regionCode,
        status,
        completedAt ? volunteer : null,
        completedAt ? (deposit?.hours ?? 2) : null,
        completedAt ? (deposit ? 'DEPOSITED' : 'PENDING') : null,
        completedAt,
        placedAt,
      ],
    );
    if (deposit) {
      const city = regionCode.slice(0, 4);
      await trend.graph.db.query(
        `INSERT INTO elder_care.time_bank_account (kind, region_code) VALUES ('ISSUING', $1) ON CONFLICT (kind, region_code) WHERE kind IN ('ISSUING', 'REDEMPTION') DO NOTHING`,
        [city],
      );
      const [account] = await trend.graph.db.query(
        `INSERT INTO elder_care.time_bank_account (kind, person_id, region_code) VALUES ('PERSON', $1, $2) RETURNING id`,
        [volunteer, regionCode],
      );
      // The ledger keeps months from the migration's on; a deposit dated before them needs its month made (as a seed does).
      await makeMonthlyPartitionsCovering(trend.graph.db, LEDGER_PARTITIONING, new Date(deposit.at), new Date(deposit.at));
      await trend.graph.db.query(
        `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, request_id, created_at)
         SELECT 'DEPOSIT', id, $2, $3, $4, $5 FROM elder_care.time_bank_account WHERE kind = 'ISSUING' AND region_code = $1`,
        [city, account.id, deposit.hours, request.id, deposit.at],
      );
      // An opening balance is carried over, not earned: it never counts as hours of a month.
      await trend.graph.db.query(
        `INSERT INTO elder_care.time_bank_transfer (kind, debit_account_id, credit_account_id, hours, created_at)
         SELECT 'OPENING_BALANCE', id, $2, 7, $3 FROM elder_care.time_bank_account WHERE kind = 'ISSUING' AND region_code = $1`,
        [city, account.id, deposit.at],
      );
    }
  }

  it("when a region has nothing, then each series lists the 12 months up to the clock's, oldest first, each 0 and not suppressed", async () => {
    const { body } = await trend.graph.query(ALL, regionRefs('350111'), EXACT_FIGURES);
    expect(body.errors).toBeUndefined();
    const [region] = body.data._entities;
    expect(region.placed).toEqual(TWELVE_MONTHS.map((month) => ({ month, value: 0, suppressed: false })));
    expect(region.completed.map((m: any) => m.month)).toEqual(TWELVE_MONTHS);
    expect(region.hours.map((m: any) => m.value)).toEqual(TWELVE_MONTHS.map(() => 0));
  });

  it("when requests fall either side of midnight at a month's turn in China, then each counts in its China-time month, and months outside the span not at all", async () => {
    const street = '350121001001'; // 闽侯县, kept to this test
    await aRequest(street, '2026-05-31T15:59:00Z'); // 23:59 on 31 May in China
    await aRequest(street, '2026-05-31T16:00:00Z'); // 00:00 on 1 June in China (still 31 May in UTC)
    await aRequest(street, '2026-05-31T16:30:00Z');
    await aRequest(street, '2025-06-30T16:00:00Z'); // 00:00 on 1 July 2025: the first month
    await aRequest(street, '2025-06-30T15:59:59Z'); // 23:59:59 on 30 June 2025: before the span
    await aRequest(street, '2024-12-01T00:00:00Z');
    const { body } = await trend.graph.query(regionSeriesQuery('requestsPlacedByMonth { month value }'), regionRefs('350121'), EXACT_FIGURES);
    expect(nonZeroMonths(body.data._entities[0].requestsPlacedByMonth)).toEqual({ '2025-07': 1, '2026-05': 1, '2026-06': 2 });
  });

  it('when requests are completed, rated, cancelled and still open, then completions count the served ones in the month they were served, and hours only those credited, in the month of the deposit', async () => {
    const community = '350122001001'; // 连江县
    await aRequest(community, '2026-01-10T02:00:00Z', 'COMPLETED', '2026-02-27T20:00:00Z', { hours: 1.5, at: '2026-03-06T01:00:00Z' }); // served 28 Feb China time, confirmed 6 Mar
    await aRequest(community, '2026-02-01T02:00:00Z', 'RATED', '2026-02-03T02:00:00Z', { hours: 2.25, at: '2026-02-03T03:00:00Z' });
    await aRequest(community, '2026-02-01T02:00:00Z', 'COMPLETED', '2026-02-05T02:00:00Z'); // hours still PENDING: served, not earned
    await aRequest(community, '2026-02-01T02:00:00Z', 'CANCELLED');
    await aRequest(community, '2026-02-01T02:00:00Z', 'CLAIMED');
    const { body } = await trend.graph.query(ALL, regionRefs('350122'), EXACT_FIGURES);
    const [region] = body.data._entities;
    expect(nonZeroMonths(region.placed)).toEqual({ '2026-01': 1, '2026-02': 4 });
    expect(nonZeroMonths(region.completed)).toEqual({ '2026-02': 3 });
    expect(nonZeroMonths(region.hours)).toEqual({ '2026-02': 2.25, '2026-03': 1.5 });
  });

  it('when a district and its streets are asked together, then each covers itself and what lies below it, in one statement per series', async () => {
    await aRequest('350105001004', '2026-04-10T02:00:00Z'); // 罗星街道
    await aRequest('350105001004', '2026-04-11T02:00:00Z');
    await aRequest('350105100200', '2026-04-12T02:00:00Z'); // 马尾镇
    await aRequest('350102001001', '2026-04-12T02:00:00Z'); // 鼓楼区: not 马尾区's
    const log = recordStatements(trend.graph.db);
    try {
      const { body } = await trend.graph.query(ALL, regionRefs('350105', '350105001', '350105100', '350105002', '35', 'not-a-code'), EXACT_FIGURES);
      expect(body.errors).toBeUndefined();
      const april = (i: number) => body.data._entities[i].placed.find((m: any) => m.month === '2026-04').value;
      expect([0, 1, 2, 3, 4].map(april)).toEqual([3, 2, 1, 0, 4]);
      expect(body.data._entities[5].placed).toBeNull();
      expect(log.countByName()).toEqual({ requestsPlacedByMonth: 1, requestsCompletedByMonth: 1, hoursByMonth: 1 });
    } finally {
      log.stop();
    }
  });

  it("when months is asked, then the series holds that many months ending at the clock's, and outside 1 to 24 it is BAD_USER_INPUT naming months before any SQL", async () => {
    const { body } = await trend.graph.query(
      regionSeriesQuery('one: hoursByMonth(months: 1) { month } most: requestsPlacedByMonth(months: 24) { month }'),
      regionRefs('350105'),
      EXACT_FIGURES,
    );
    expect(body.data._entities[0].one).toEqual([{ month: '2026-06' }]);
    expect(body.data._entities[0].most.map((m: any) => m.month)).toEqual([
      ...['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'],
      ...TWELVE_MONTHS,
    ]);
    for (const months of [0, 25, -1]) {
      const log = recordStatements(trend.graph.db);
      try {
        const refused = await trend.graph.query(
          regionSeriesQuery('requestsCompletedByMonth(months: $months) { month }'),
          { ...regionRefs('350105'), months },
          EXACT_FIGURES,
        );
        expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
        expect(refused.body.errors[0].extensions.argument).toBe('months');
        expect(log.countByName()).toEqual({});
      } finally {
        log.stop();
      }
    }
  });
});
