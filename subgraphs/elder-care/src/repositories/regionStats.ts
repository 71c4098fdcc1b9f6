import { ELDER_CONDITIONS, SERVICE_CATEGORIES, type ElderCondition, type ServiceCategory } from '../domain/vocabulary';

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * One row per requested region code; each counts the region and everything below
 * it, as range scans on region_code indexes. The headline figures are what every
 * dashboard asks for; the breakdowns below are separate queries, run only when a
 * caller asks for them.
 */
export const ELDER_CARE_STATS_SQL = `/* elderCareStats */
  SELECT r.code, e.elders, s.open_requests, s.completed_services, s.hours_deposited
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS elders
    FROM elder_care.elder WHERE region_code >= r.code AND region_code < r.code || '~'
  ) e
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open_requests,
           count(*) FILTER (WHERE status IN ('COMPLETED', 'RATED'))::int AS completed_services,
           coalesce(sum(hours) FILTER (WHERE status IN ('COMPLETED', 'RATED')), 0)::float8 AS hours_deposited
    FROM elder_care.service_request
    WHERE region_code >= r.code AND region_code < r.code || '~'
  ) s`;

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

export interface ElderCareStatsRow {
  code: string;
  elders: number;
  open_requests: number;
  completed_services: number;
  hours_deposited: number;
}

export const toElderCareStats = (row: ElderCareStatsRow | undefined) => ({
  elders: row?.elders ?? 0,
  openRequests: row?.open_requests ?? 0,
  completedServices: row?.completed_services ?? 0,
  hoursDeposited: row?.hours_deposited ?? 0,
});

export const toEldersByCondition = (row: { code: string; by_condition: { condition: ElderCondition; elders: number }[] } | undefined) =>
  row?.by_condition ?? ELDER_CONDITIONS.map((condition) => ({ condition, elders: 0 }));

export const toRequestsByCategory = (
  row: { code: string; by_category: { category: ServiceCategory; requests: number; completed: number }[] } | undefined,
) => row?.by_category ?? SERVICE_CATEGORIES.map((category) => ({ category, requests: 0, completed: 0 }));
