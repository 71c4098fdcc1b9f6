/**
 * The tests' oracle: elder care's region figures as the subgraph computed them
 * from its tables on every request before the rollup (issue 15.2). Every rollup
 * figure must equal these.
 */
import { ELDER_CONDITIONS, SERVICE_CATEGORIES } from '../src/domain/vocabulary';

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * One row per requested region code; each counts the region and everything below
 * it, as range scans on region_code indexes. The headline figures are what every
 * dashboard asks for; the breakdowns below are separate queries, run only when a
 * caller asks for them. The time bank's figures are read from the ledger itself:
 * deposits are the DEPOSIT transfers of the region's requests, opening balances and
 * redemptions the transfers of the region's accounts, outstanding hours the
 * balances of its people and pools. Sums are numeric (exact) until the last cast.
 */
export const ELDER_CARE_STATS_SQL = `/* elderCareStats */
  SELECT r.code, e.elders, s.open_requests, s.completed_services, s.hours_pending, d.hours_deposited,
         a.hours_outstanding, a.opening_hours, a.hours_redeemed
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS elders
    FROM elder_care.elder WHERE region_code >= r.code AND region_code < r.code || '~'
  ) e
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open_requests,
           count(*) FILTER (WHERE status IN ('COMPLETED', 'RATED'))::int AS completed_services,
           coalesce(sum(hours) FILTER (WHERE hours_status IN ('PENDING', 'DISPUTED')), 0)::float8 AS hours_pending
    FROM elder_care.service_request
    WHERE region_code >= r.code AND region_code < r.code || '~'
  ) s
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(t.hours), 0)::float8 AS hours_deposited
    FROM elder_care.service_request sr JOIN elder_care.time_bank_transfer t ON t.request_id = sr.id AND t.kind = 'DEPOSIT'
    WHERE sr.region_code >= r.code AND sr.region_code < r.code || '~'
  ) d
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(ac.balance), 0)::float8 AS hours_outstanding,
           coalesce(sum((SELECT sum(t.hours) FROM elder_care.time_bank_transfer t
                         WHERE t.credit_account_id = ac.id AND t.kind = 'OPENING_BALANCE')), 0)::float8 AS opening_hours,
           coalesce(sum((SELECT sum(t.hours) FROM elder_care.time_bank_transfer t
                         WHERE t.debit_account_id = ac.id AND t.kind IN ('REDEMPTION', 'REWARD'))), 0)::float8 AS hours_redeemed
    FROM elder_care.time_bank_account ac
    WHERE ac.kind IN ('PERSON', 'POOL') AND ac.region_code >= r.code AND ac.region_code < r.code || '~'
  ) a`;

/** Elders per condition, every condition listed (zero where none). */
export const ELDERS_BY_CONDITION_SQL = `/* eldersByCondition */
  SELECT r.code,
    (SELECT json_agg(json_build_object('condition', k, 'elders', count_if) ORDER BY o)
     FROM (SELECT k, o, count(*) FILTER (WHERE el.conditions @> ARRAY[k])::int AS count_if
           FROM unnest(${list(ELDER_CONDITIONS)}::text[]) WITH ORDINALITY AS u(k, o)
           LEFT JOIN elder_care.elder el ON el.region_code >= r.code AND el.region_code < r.code || '~'
           GROUP BY k, o) x) AS by_condition
  FROM unnest($1::text[]) AS r(code)`;

/** Requests and completions per service category, every category listed. */
export const REQUESTS_BY_CATEGORY_SQL = `/* requestsByCategory */
  SELECT r.code,
    (SELECT json_agg(json_build_object('category', k, 'requests', requests, 'completed', completed) ORDER BY o)
     FROM (SELECT k, o, count(sr.id)::int AS requests,
                  count(sr.id) FILTER (WHERE sr.status IN ('COMPLETED', 'RATED'))::int AS completed
           FROM unnest(${list(SERVICE_CATEGORIES)}::text[]) WITH ORDINALITY AS u(k, o)
           LEFT JOIN elder_care.service_request sr
             ON sr.category = k AND sr.region_code >= r.code AND sr.region_code < r.code || '~'
           GROUP BY k, o) y) AS by_category
  FROM unnest($1::text[]) AS r(code)`;

/** ElderCareStats as the old SQL computed them, for rollupAgainstOracle: the figures and the region codes in use. */
export const ELDER_CARE_ORACLE = {
  sql: ELDER_CARE_STATS_SQL,
  toStats: (row: any) => ({
    elders: row?.elders ?? 0,
    openRequests: row?.open_requests ?? 0,
    completedServices: row?.completed_services ?? 0,
    hoursDeposited: row?.hours_deposited ?? 0,
    openingHours: row?.opening_hours ?? 0,
    hoursOutstanding: row?.hours_outstanding ?? 0,
    hoursRedeemed: row?.hours_redeemed ?? 0,
    hoursPending: row?.hours_pending ?? 0,
  }),
  regionsInUse: `SELECT region_code FROM elder_care.elder UNION SELECT region_code FROM elder_care.service_request
    UNION SELECT region_code FROM elder_care.time_bank_account WHERE kind IN ('PERSON', 'POOL')`,
};
