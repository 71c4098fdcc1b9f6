import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@civic/shared';
import { Where } from '@civic/shared';
import type { AttendanceEntry } from '../domain/attendance';

export type ActivityKind = 'HEALTH_CLINIC' | 'EPIDEMIC_PREVENTION' | 'GARBAGE_SORTING' | 'SPORTS' | 'LECTURE' | 'PATROL';

export interface ActivityRow {
  id: string;
  teamId: string;
  regionCode: string;
  title: string;
  kind: ActivityKind;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  partnerOrganizationId: string | null;
  attendeeCount: number;
  totalHours: number;
  /** veterans the activity needs; null when it sets no number */
  headcount: number | null;
  /** veterans signed up */
  signedUp: number;
}

export interface AttendanceRow {
  activityId: string;
  veteranId: string;
  hours: number;
}

/** An activity as recorded, before anyone attends it. */
export type NewActivity = Omit<ActivityRow, 'id' | 'attendeeCount' | 'totalHours' | 'signedUp'>;

const COLUMNS = `a.id, a.team_id AS "teamId", a.region_code AS "regionCode", a.title, a.kind, a.starts_at AS "startsAt",
  a.ends_at AS "endsAt", a.place, a.partner_organization_id AS "partnerOrganizationId",
  (SELECT count(*)::int FROM veteran_volunteers.activity_attendance x WHERE x.activity_id = a.id) AS "attendeeCount",
  (SELECT coalesce(sum(x.hours), 0)::float8 FROM veteran_volunteers.activity_attendance x WHERE x.activity_id = a.id) AS "totalHours",
  a.headcount, (SELECT count(*)::int FROM veteran_volunteers.activity_signup x WHERE x.activity_id = a.id) AS "signedUp"`;

export interface ActivityFilter {
  regionCode?: string | null;
  teamId?: string | null;
  kind?: ActivityKind | null;
}

const filterOf = (f: ActivityFilter) =>
  new Where().region('a.region_code', f.regionCode).when(f.teamId, 'a.team_id = $', f.teamId).when(f.kind, 'a.kind = $', f.kind);

export function activityRepository(db: DataSource | EntityManager) {
  return {
    findByIds: (ids: readonly string[]): Promise<ActivityRow[]> =>
      db.query(`/* activitiesByIds */ SELECT ${COLUMNS} FROM veteran_volunteers.activity a WHERE a.id = ANY($1::uuid[])`, [ids]),

    attendanceOf: (activityIds: readonly string[]): Promise<AttendanceRow[]> =>
      db.query(
        `/* activityAttendance */ SELECT activity_id AS "activityId", veteran_id AS "veteranId", hours::float8 AS hours
         FROM veteran_volunteers.activity_attendance WHERE activity_id = ANY($1::uuid[]) ORDER BY hours DESC, veteran_id`,
        [activityIds],
      ),

    /** Keyset page, latest first: (starts_at, id) descending. */
    page(filter: ActivityFilter, page: Page<[string, string]>): Promise<ActivityRow[]> {
      const where = filterOf(filter).when(page.after, '(a.starts_at, a.id) < ($::timestamptz, $::uuid)', ...(page.after ?? []));
      return db.query(
        `/* activitiesPage */ SELECT ${COLUMNS} FROM veteran_volunteers.activity a ${where}
         ORDER BY a.starts_at DESC, a.id DESC LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    /** The same page of each team's activities, latest first, for many teams in one statement. */
    pagesOfTeams: (teamIds: readonly string[], limit: number, after: [string, string] | null): Promise<ActivityRow[]> =>
      db.query(
        `/* activitiesPageOfTeams */ SELECT x.* FROM unnest($1::uuid[]) AS t(id)
         CROSS JOIN LATERAL (
           SELECT ${COLUMNS} FROM veteran_volunteers.activity a
           WHERE a.team_id = t.id ${after ? 'AND (a.starts_at, a.id) < ($3::timestamptz, $4::uuid)' : ''}
           ORDER BY a.starts_at DESC, a.id DESC LIMIT $2
         ) x
         ORDER BY x."teamId", x."startsAt" DESC, x.id DESC`,
        [teamIds, limit, ...(after ?? [])],
      ),

    countsOfTeams: (teamIds: readonly string[]): Promise<{ teamId: string; count: number }[]> =>
      db.query(
        `/* activitiesCountOfTeams */ SELECT team_id AS "teamId", count(*)::int AS count
         FROM veteran_volunteers.activity WHERE team_id = ANY($1::uuid[]) GROUP BY team_id`,
        [teamIds],
      ),

    async count(filter: ActivityFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(`/* activitiesCount */ SELECT count(*)::int AS count FROM veteran_volunteers.activity a ${where}`, where.params);
      return count;
    },

    async insert(a: NewActivity): Promise<string> {
      const [{ id }] = await db.query(
        `/* recordActivity */ INSERT INTO veteran_volunteers.activity
           (team_id, region_code, title, kind, starts_at, ends_at, place, partner_organization_id, headcount)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [a.teamId, a.regionCode, a.title, a.kind, a.startsAt, a.endsAt, a.place, a.partnerOrganizationId, a.headcount],
      );
      return id;
    },

    /** Locks the activity so concurrent attendance writes queue behind each other. */
    async lock(id: string): Promise<ActivityRow | null> {
      await db.query(`/* lockActivity */ SELECT 1 FROM veteran_volunteers.activity WHERE id = $1 FOR UPDATE`, [id]);
      return (await this.findByIds([id]))[0] ?? null;
    },

    /** Inserts or corrects each veteran's hours. */
    upsertAttendance: (activityId: string, entries: AttendanceEntry[]) =>
      db.query(
        `/* recordAttendance */ INSERT INTO veteran_volunteers.activity_attendance (activity_id, veteran_id, hours)
         SELECT $1, * FROM unnest($2::uuid[], $3::numeric[])
         ON CONFLICT (activity_id, veteran_id) DO UPDATE SET hours = EXCLUDED.hours`,
        [activityId, entries.map((e) => e.veteranId), entries.map((e) => e.hours)],
      ),

    /** Which of these veterans exist. */
    existingVeterans: async (ids: string[]): Promise<Set<string>> =>
      new Set(
        (await db.query(`/* existingVeterans */ SELECT id FROM veteran_volunteers.veteran WHERE id = ANY($1::uuid[])`, [ids])).map((r: { id: string }) => r.id),
      ),
  };
}
export type ActivityRepository = ReturnType<typeof activityRepository>;
