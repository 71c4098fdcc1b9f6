import type { MonthlySource } from '@civic/shared';
import { ELDER_CONDITIONS, SERVICE_CATEGORIES, type ElderCondition, type ServiceCategory } from '../domain/vocabulary';

/**
 * The headline figures (ElderCareStats), read from the rollup (repositories/rollup.ts):
 * only those a caller asks for. The breakdowns below are separate figures, read
 * only when a caller asks for them.
 */
export interface ElderCareStats {
  elders: number;
  openRequests: number;
  completedServices: number;
  hoursDeposited: number;
  openingHours: number;
  hoursOutstanding: number;
  hoursRedeemed: number;
  hoursPending: number;
}

/** The rollup figures each breakdown reads: elders per condition, requests and completions per category. */
export const BREAKDOWN_FIGURES = {
  byCondition: ELDER_CONDITIONS.map((condition) => `eldersWith:${condition}`),
  byCategory: SERVICE_CATEGORIES.flatMap((category) => [`requests:${category}`, `completed:${category}`]),
};

type Sums = { sums: Map<string, number> } | undefined;

/** Elders per condition, every condition listed (zero where none). */
export const toEldersByCondition = (row: Sums): { condition: ElderCondition; elders: number }[] =>
  ELDER_CONDITIONS.map((condition) => ({ condition, elders: row?.sums.get(`eldersWith:${condition}`) ?? 0 }));

/** Requests and completions per service category, every category listed. */
export const toRequestsByCategory = (row: Sums): { category: ServiceCategory; requests: number; completed: number }[] =>
  SERVICE_CATEGORIES.map((category) => ({
    category,
    requests: row?.sums.get(`requests:${category}`) ?? 0,
    completed: row?.sums.get(`completed:${category}`) ?? 0,
  }));

/**
 * The trends (issue 17.4), each a monthly series per region (@civic/shared
 * monthlySeries.ts). Requests count in the month they were placed and, once served,
 * in the month they were completed. Hours are the time bank's DEPOSIT transfers,
 * in the month they were credited to the volunteer: the ledger posts one only when
 * the hours are confirmed (by the elder's side, a reviewer or the programme after
 * 7 days), so pending, disputed and rejected hours never count; no transfer is
 * ever reversed. By the request's region, as `hoursDeposited`.
 */
export const REQUESTS_PLACED_BY_MONTH: MonthlySource = {
  name: 'requestsPlacedByMonth',
  from: 'elder_care.service_request sr',
  regionCode: 'sr.region_code',
  at: 'sr.created_at',
};

export const REQUESTS_COMPLETED_BY_MONTH: MonthlySource = {
  name: 'requestsCompletedByMonth',
  from: 'elder_care.service_request sr',
  regionCode: 'sr.region_code',
  at: 'sr.completed_at',
  where: `sr.status IN ('COMPLETED', 'RATED')`,
};

// A deposit carries its request's region (request_region_code, kept equal by its foreign key), so the series reads the
// ledger's deposits index over the span's months alone instead of joining every deposit to its request.
export const HOURS_BY_MONTH: MonthlySource = {
  name: 'hoursByMonth',
  from: `elder_care.time_bank_transfer t`,
  regionCode: 't.request_region_code',
  at: 't.created_at',
  where: `t.kind = 'DEPOSIT'`,
  value: 'sum(t.hours)',
};
