/**
 * One row per requested region code; each counts the region and everything below
 * it. Both subqueries are range scans on a region_code index.
 */
export const ELDER_CARE_STATS_SQL = `/* elderCareStats */
  SELECT r.code,
    (SELECT count(*) FROM elder_care.elder e
      WHERE e.region_code >= r.code AND e.region_code < r.code || '~')::int AS elders,
    s.open_requests, s.completed_services, s.hours_deposited
  FROM unnest($1::text[]) AS r(code)
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open_requests,
           count(*) FILTER (WHERE status IN ('COMPLETED', 'RATED'))::int AS completed_services,
           coalesce(sum(hours) FILTER (WHERE status IN ('COMPLETED', 'RATED')), 0)::float8 AS hours_deposited
    FROM elder_care.service_request
    WHERE region_code >= r.code AND region_code < r.code || '~'
  ) s`;

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
