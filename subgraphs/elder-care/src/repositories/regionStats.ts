import { ELDER_CONDITIONS, SERVICE_CATEGORIES, type ElderCondition, type ServiceCategory } from '../domain/vocabulary';

const list = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/**
 * One row per requested region code; each counts the region and everything below
 * it. Every subquery is a range scan on a region_code index; the breakdowns list
 * every condition and category, with zero where nothing matches.
 */
export const ELDER_CARE_STATS_SQL = `/* elderCareStats */
  SELECT r.code, e.elders, e.by_condition, s.open_requests, s.completed_services, s.hours_deposited, c.by_category
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS elders,
      (SELECT json_agg(json_build_object('condition', k, 'elders', count_if) ORDER BY o)
       FROM (SELECT k, o, count(*) FILTER (WHERE el.conditions @> ARRAY[k])::int AS count_if
             FROM unnest(${list(ELDER_CONDITIONS)}::text[]) WITH ORDINALITY AS u(k, o)
             LEFT JOIN elder_care.elder el ON el.region_code >= r.code AND el.region_code < r.code || '~'
             GROUP BY k, o) x) AS by_condition
    FROM elder_care.elder WHERE region_code >= r.code AND region_code < r.code || '~'
  ) e
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open_requests,
           count(*) FILTER (WHERE status IN ('COMPLETED', 'RATED'))::int AS completed_services,
           coalesce(sum(hours) FILTER (WHERE status IN ('COMPLETED', 'RATED')), 0)::float8 AS hours_deposited
    FROM elder_care.service_request
    WHERE region_code >= r.code AND region_code < r.code || '~'
  ) s
  CROSS JOIN LATERAL (
    SELECT json_agg(json_build_object('category', k, 'requests', requests, 'completed', completed) ORDER BY o) AS by_category
    FROM (SELECT k, o, count(sr.id)::int AS requests,
                 count(sr.id) FILTER (WHERE sr.status IN ('COMPLETED', 'RATED'))::int AS completed
          FROM unnest(${list(SERVICE_CATEGORIES)}::text[]) WITH ORDINALITY AS u(k, o)
          LEFT JOIN elder_care.service_request sr
            ON sr.category = k AND sr.region_code >= r.code AND sr.region_code < r.code || '~'
          GROUP BY k, o) y
  ) c`;

export interface ElderCareStatsRow {
  code: string;
  elders: number;
  by_condition: { condition: ElderCondition; elders: number }[];
  open_requests: number;
  completed_services: number;
  hours_deposited: number;
  by_category: { category: ServiceCategory; requests: number; completed: number }[];
}

export const toElderCareStats = (row: ElderCareStatsRow | undefined) => ({
  elders: row?.elders ?? 0,
  openRequests: row?.open_requests ?? 0,
  completedServices: row?.completed_services ?? 0,
  hoursDeposited: row?.hours_deposited ?? 0,
  eldersByCondition: row?.by_condition ?? ELDER_CONDITIONS.map((condition) => ({ condition, elders: 0 })),
  requestsByCategory: row?.by_category ?? SERVICE_CATEGORIES.map((category) => ({ category, requests: 0, completed: 0 })),
});
