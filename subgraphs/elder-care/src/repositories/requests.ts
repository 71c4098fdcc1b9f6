import type { Page } from '@civic/shared';
import type { ActingAs, HoursStatus, RequestPriority, ServiceCategory, ServiceMode, ServiceRequestStatus } from '../domain/vocabulary';
import { openDataWhere, Sql, updatedRows, Where } from '@civic/shared';
import { hoursOf } from './hours';

export interface RequestRow {
  id: string;
  elderId: string;
  regionCode: string;
  category: ServiceCategory;
  mode: ServiceMode;
  status: ServiceRequestStatus;
  /** EMERGENCY for a one-key call (一键呼叫): first in every worklist it is in */
  priority: RequestPriority;
  volunteerId: string | null;
  teamId: string | null;
  hours: number | null;
  /** where the completed request's hours stand; null before completion */
  hoursStatus: HoursStatus | null;
  completedAt: Date | null;
  rating: number | null;
  note: string | null;
  requestedBy: string | null;
  createdAt: Date;
  /** created_at as PostgreSQL prints it: exact to the microsecond, for cursors */
  cursorAt: string;
}

export interface StepRow {
  requestId: string;
  status: ServiceRequestStatus;
  actorId: string | null;
  actingAs: ActingAs;
  /** the hours' status this step reached, when it concerned them (completion, confirmation, review) */
  hoursStatus: HoursStatus | null;
  hours: number | null;
  note: string | null;
  at: Date;
}

/** One step to record: the request's status after it, and the hours it concerned. */
export interface NewStep {
  status: ServiceRequestStatus;
  actorId: string | null;
  actingAs: ActingAs;
  hoursStatus?: HoursStatus | null;
  hours?: number | null;
  note?: string | null;
}

export interface RequestFilter {
  regionCode: string | null;
  status: ServiceRequestStatus | null;
  elderId: string | null;
  /** only requests whose hours stand so (a district officer's queue of DISPUTED hours) */
  hoursStatus?: HoursStatus | null;
  /** only requests this person may claim: VOLUNTEER_CLAIM ones, or those of a group they belong to */
  claimableBy?: string | null;
  /** only requests this person takes part in: as the elder, their family, the volunteer or a member of the group */
  involving?: string | null;
}

const COLUMNS = `id, elder_id AS "elderId", region_code AS "regionCode", category, mode, status, priority,
  volunteer_person_id AS "volunteerId", team_id AS "teamId", hours, hours_status AS "hoursStatus", completed_at AS "completedAt",
  rating, note, requested_by AS "requestedBy",
  created_at AS "createdAt", created_at::text AS "cursorAt"`;

const toRow = (row: RequestRow): RequestRow => ({ ...row, hours: hoursOf(row.hours) });

function filterOf(filter: RequestFilter): Where {
  const where = new Where().region('region_code', filter.regionCode);
  if (filter.status) where.add(`status = $`, filter.status);
  if (filter.elderId) where.add(`elder_id = $::uuid`, filter.elderId);
  if (filter.hoursStatus) where.add(`hours_status = $`, filter.hoursStatus);
  if (filter.claimableBy) {
    where.add(`(mode = 'VOLUNTEER_CLAIM' OR team_id IN (SELECT team_id FROM elder_care.service_team_member WHERE person_id = $::uuid))`, filter.claimableBy);
  }
  if (filter.involving) {
    where.add(
      `$::uuid IN (SELECT volunteer_person_id UNION ALL SELECT e.person_id FROM elder_care.elder e WHERE e.id = service_request.elder_id
         UNION ALL SELECT c.person_id FROM elder_care.elder_carer c WHERE c.elder_id = service_request.elder_id
         UNION ALL SELECT m.person_id FROM elder_care.service_team_member m WHERE m.team_id = service_request.team_id)`,
      filter.involving,
    );
  }
  return where;
}

/** The filters of the open-data list (publicServiceRequests): no region, no person. */
export interface PublicRequestFilter {
  ids: string[] | null;
  category: ServiceCategory | null;
  statuses: ServiceRequestStatus[] | null;
  from: Date | null;
  to: Date | null;
}

/** A request's public fields (PublicServiceRequest), with the street instead of the community. */
export interface PublicRequestRow {
  id: string;
  category: ServiceCategory;
  status: ServiceRequestStatus;
  requestedAt: Date;
  updatedAt: Date;
  streetCode: string;
  cursorAt: string;
}

const publicFilterOf = (filter: PublicRequestFilter): Where => openDataWhere(filter).when(filter.category, `category = $`, filter.category);

export function requestRepository(db: Sql) {
  return {
    findByIds: async (ids: readonly string[]): Promise<RequestRow[]> =>
      (await db.query(`/* requestsByIds */ SELECT ${COLUMNS} FROM elder_care.service_request WHERE id = ANY($1::uuid[])`, [ids])).map(toRow),

    /** The row locked for a transition: concurrent steps on one request run one after another. */
    async lock(id: string): Promise<RequestRow | null> {
      const [row] = await db.query(`/* lockRequest */ SELECT ${COLUMNS} FROM elder_care.service_request WHERE id = $1 FOR UPDATE`, [id]);
      return row ? toRow(row) : null;
    },

    /** Null when a concurrent retry with the same idempotency key inserted first. */
    async insert(values: {
      elderId: string;
      regionCode: string;
      category: ServiceCategory;
      mode: ServiceMode;
      teamId: string | null;
      note: string | null;
      requestedBy: string;
      idempotencyKey: string | null;
      priority?: RequestPriority;
    }): Promise<RequestRow | null> {
      const [row] = await db.query(
        `/* insertRequest */ INSERT INTO elder_care.service_request
           (elder_id, region_code, category, mode, team_id, note, requested_by, idempotency_key, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [
          values.elderId,
          values.regionCode,
          values.category,
          values.mode,
          values.teamId,
          values.note,
          values.requestedBy,
          values.idempotencyKey,
          values.priority ?? 'ROUTINE',
        ],
      );
      return row ? toRow(row) : null;
    },

    async update(
      id: string,
      values: { status: ServiceRequestStatus; volunteerId: string | null; hours: number | null; rating: number | null; hoursStatus: HoursStatus | null },
    ) {
      const result = await db.query(
        `/* updateRequest */ UPDATE elder_care.service_request
         SET status = $2, volunteer_person_id = $3, hours = $4, rating = $5, hours_status = $6,
             completed_at = CASE WHEN $6::text IS NULL THEN NULL ELSE coalesce(completed_at, now()) END, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, values.status, values.volunteerId, values.hours, values.rating, values.hoursStatus],
      );
      return toRow(updatedRows<RequestRow>(result)[0]);
    },

    addStep: (requestId: string, step: NewStep) =>
      db.query(
        `/* addRequestStep */ INSERT INTO elder_care.service_request_step (request_id, status, actor_person_id, acting_as, hours_status, hours, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [requestId, step.status, step.actorId, step.actingAs, step.hoursStatus ?? null, step.hours ?? null, step.note ?? null],
      ),

    /** Hours a volunteer completed in [from, to), other than rejected ones and `except`: the daily cap counts them. */
    async hoursCompleted(volunteerId: string, from: Date, to: Date, except: string): Promise<number> {
      const [row] = await db.query(
        `/* volunteerHoursOfDay */ SELECT coalesce(sum(hours), 0)::text AS hours FROM elder_care.service_request
         WHERE volunteer_person_id = $1 AND completed_at >= $2 AND completed_at < $3 AND hours_status <> 'REJECTED' AND id <> $4`,
        [volunteerId, from, to, except],
      );
      return Number(row.hours);
    },

    /** Requests whose hours have waited PENDING since `before` or earlier: the programme deposits them. */
    dueForDeposit: async (before: Date, limit: number): Promise<string[]> =>
      (
        await db.query(
          `/* pendingHoursDue */ SELECT id FROM elder_care.service_request WHERE hours_status = 'PENDING' AND completed_at <= $1
           ORDER BY completed_at, id LIMIT $2`,
          [before, limit],
        )
      ).map((r: { id: string }) => r.id),

    stepsOf: (requestIds: readonly string[]): Promise<StepRow[]> =>
      db.query(
        `/* stepsOfRequests */ SELECT request_id AS "requestId", status, actor_person_id AS "actorId", acting_as AS "actingAs",
           hours_status AS "hoursStatus", hours::float8 AS hours, note, at
         FROM elder_care.service_request_step WHERE request_id = ANY($1::uuid[]) ORDER BY id`,
        [requestIds],
      ),

    /**
     * A worklist: open EMERGENCY requests first (oldest first), then the rest oldest
     * first; keyset on (routine, created_at, id), where routine is 0 for an emergency.
     */
    async worklist(filter: RequestFilter, page: Page<[string, string, string]>): Promise<RequestRow[]> {
      const where = filterOf(filter);
      if (page.after) {
        where.add(`((priority <> 'EMERGENCY')::int, created_at, id) > ($::int, $::timestamptz, $::uuid)`, page.after[0], page.after[1], page.after[2]);
      }
      const rows = await db.query(
        `/* requestsWorklist */ SELECT ${COLUMNS} FROM elder_care.service_request ${where}
         ORDER BY (priority <> 'EMERGENCY')::int, created_at, id LIMIT ${where.param(page.limit)}`,
        where.params,
      );
      return rows.map(toRow);
    },

    /** Keyset page on (created_at, id): newest first, or oldest first for a worklist. */
    async page(filter: RequestFilter, page: Page<[string, string]>, order: 'ASC' | 'DESC' = 'DESC'): Promise<RequestRow[]> {
      const where = filterOf(filter);
      const cmp = order === 'ASC' ? '>' : '<';
      if (page.after) where.add(`(created_at, id) ${cmp} ($::timestamptz, $::uuid)`, page.after[0], page.after[1]);
      const rows = await db.query(
        `/* requestsPage */ SELECT ${COLUMNS} FROM elder_care.service_request ${where}
         ORDER BY created_at ${order}, id ${order} LIMIT ${where.param(page.limit)}`,
        where.params,
      );
      return rows.map(toRow);
    },

    /** Open data, newest first: keyset on (created_at, id); the street is the first 9 digits of the community. */
    publicPage(filter: PublicRequestFilter, page: Page<[string, string]>): Promise<PublicRequestRow[]> {
      const where = publicFilterOf(filter).when(page.after, `(created_at, id) < ($::timestamptz, $::uuid)`, ...(page.after ?? []));
      return db.query(
        `/* publicRequestsPage */ SELECT id, category, status, created_at AS "requestedAt", left(region_code, 9) AS "streetCode",
           COALESCE((SELECT max(s.at) FROM elder_care.service_request_step s WHERE s.request_id = service_request.id), created_at) AS "updatedAt",
           created_at::text AS "cursorAt"
         FROM elder_care.service_request ${where} ORDER BY created_at DESC, id DESC LIMIT ${where.param(page.limit)}`,
        where.params,
      );
    },

    async publicCount(filter: PublicRequestFilter): Promise<number> {
      const where = publicFilterOf(filter);
      const [{ count }] = await db.query(`/* publicRequestsCount */ SELECT count(*)::int AS count FROM elder_care.service_request ${where}`, where.params);
      return count;
    },

    async count(filter: RequestFilter): Promise<number> {
      const where = filterOf(filter);
      const [{ count }] = await db.query(`/* requestsCount */ SELECT count(*)::int AS count FROM elder_care.service_request ${where}`, where.params);
      return count;
    },
  };
}
export type RequestRepository = ReturnType<typeof requestRepository>;
