import type { ClientBase } from 'pg';

/** The figures DistrictDashboard shows for one region (schema/operations/DistrictDashboard.graphql). */
export interface DashboardFigures {
  elders: number;
  openRequests: number;
  completedServices: number;
  hoursDeposited: number;
  veterans: number;
  teams: number;
  activities: number;
  stations: number;
  certified: number;
  openOrders: number;
  assessments: number;
  averageScore: number | null;
}

/**
 * One table's figures for the district and each of its children in a single pass:
 * the district's range of region codes is read once and grouped by the child code
 * each row falls under (its first `width` characters), with the district's own
 * total as the empty grouping set. The subgraphs instead count each asked region
 * as a range of its own (13 ranges for 马尾区), so every row is read twice. A row
 * stored under the district's own code (an assessment of the district) counts for
 * the district only, as in the subgraphs.
 */
const pass = (name: string, from: string, figures: string, where = 'true', columns = 'x.*') => `${name} AS (
    SELECT CASE WHEN GROUPING(k) = 1 THEN $1::text ELSE k END AS code, ${figures}
    FROM (SELECT left(x.region_code, (SELECT n FROM width)) AS k, ${columns} FROM ${from}
          WHERE x.region_code >= $1::text AND x.region_code < $1::text || '~' AND ${where}) x
    GROUP BY GROUPING SETS ((), (k))
    HAVING GROUPING(k) = 1 OR k <> $1::text)`;

/**
 * A minimal SQL for the dashboard's figures, in one statement: what PostgreSQL must
 * do at least to answer DistrictDashboard, the floor the graph is measured against
 * (`npm run bench -- --sql`). Its definitions are the subgraphs' (each subgraph's
 * repositories/regionStats.ts); tests/bench.e2e.test.ts checks it gives the graph's
 * numbers, so a change of either shows.
 */
export const DASHBOARD_FIGURES_SQL = `/* dashboardFiguresMinimal */
  WITH asked AS (SELECT code FROM directory.region WHERE code = $1::text OR parent_code = $1::text),
  width AS (SELECT coalesce(max(length(code)) FILTER (WHERE code <> $1::text), 0) AS n FROM asked),
  ${pass('care', 'elder_care.elder x', 'count(*)::int AS elders')},
  ${pass(
    'requests',
    'elder_care.service_request x',
    `count(*) FILTER (WHERE status = 'OPEN')::int AS open_requests,
     count(*) FILTER (WHERE status IN ('COMPLETED', 'RATED'))::int AS completed_services`,
  )},
  ${pass(
    'deposits',
    // A deposit carries its request's region (request_region_code), so no join to the requests.
    `(SELECT request_region_code AS region_code, hours FROM elder_care.time_bank_transfer WHERE kind = 'DEPOSIT') x`,
    'coalesce(sum(deposit), 0)::float8 AS hours_deposited',
    'true',
    'x.hours AS deposit',
  )},
  ${pass('vets', 'veteran_volunteers.veteran x', 'count(*)::int AS veterans')},
  ${pass('teams', 'veteran_volunteers.veteran_team x', 'count(*)::int AS teams')},
  ${pass('activities', 'veteran_volunteers.activity x', 'count(*)::int AS activities')},
  ${pass('stations', 'neighbour_stations.station x', 'count(*)::int AS stations', `x.status = 'OPEN'`)},
  ${pass('orders', 'neighbour_stations.station_order x', 'count(*)::int AS open_orders', `x.status IN ('PLACED', 'DISPATCHED', 'ACCEPTED')`)},
  ${pass('certified', 'assessments.certification x', 'count(DISTINCT station_id)::int AS certified', 'x.suspended_at IS NULL')},
  ${pass('scores', 'assessments.assessment x', 'count(*)::int AS assessments, avg(total_score)::float8 AS average_score', `x.status IN ('SUBMITTED', 'FINAL')`)}
  SELECT a.code,
    coalesce(care.elders, 0) AS elders, coalesce(requests.open_requests, 0) AS open_requests,
    coalesce(requests.completed_services, 0) AS completed_services, coalesce(deposits.hours_deposited, 0) AS hours_deposited,
    coalesce(vets.veterans, 0) AS veterans, coalesce(teams.teams, 0) AS teams, coalesce(activities.activities, 0) AS activities,
    coalesce(stations.stations, 0) AS stations, coalesce(certified.certified, 0) AS certified, coalesce(orders.open_orders, 0) AS open_orders,
    coalesce(scores.assessments, 0) AS assessments, scores.average_score
  FROM asked a
  LEFT JOIN care USING (code) LEFT JOIN requests USING (code) LEFT JOIN deposits USING (code)
  LEFT JOIN vets USING (code) LEFT JOIN teams USING (code) LEFT JOIN activities USING (code)
  LEFT JOIN stations USING (code) LEFT JOIN orders USING (code) LEFT JOIN certified USING (code)
  LEFT JOIN scores USING (code)`;

/** The dashboard's figures for a district and its children, by region code, straight from PostgreSQL. */
export async function dashboardFiguresFromSql(client: ClientBase, code: string): Promise<Record<string, DashboardFigures>> {
  const { rows } = await client.query(DASHBOARD_FIGURES_SQL, [code]);
  return Object.fromEntries(
    rows.map((row) => [
      row.code,
      {
        elders: row.elders,
        openRequests: row.open_requests,
        completedServices: row.completed_services,
        hoursDeposited: row.hours_deposited,
        veterans: row.veterans,
        teams: row.teams,
        activities: row.activities,
        stations: row.stations,
        certified: row.certified,
        openOrders: row.open_orders,
        assessments: row.assessments,
        averageScore: row.average_score,
      },
    ]),
  );
}

interface DashboardRegion {
  code: string;
  elderCare: { elders: number; openRequests: number; completedServices: number; hoursDeposited: number };
  veterans: { veterans: number; teams: number; activities: number };
  stationStats: { stations: number; certified: number; openOrders: number };
  assessmentSummary: { assessments: number; averageScore: number | null };
}

/** The same figures, by region code, out of the graph's answer to DistrictDashboard. */
export function dashboardFiguresOfAnswer(data: unknown): Record<string, DashboardFigures> {
  const regions = (data as { region: { selfAndChildren: DashboardRegion[] } }).region.selfAndChildren;
  return Object.fromEntries(
    regions.map((r) => [r.code, { ...r.elderCare, ...r.veterans, ...r.stationStats, ...r.assessmentSummary } satisfies DashboardFigures]),
  );
}
