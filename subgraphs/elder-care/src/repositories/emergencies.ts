import { updatedRows, type Sql } from '@civic/shared';
import type { ActingAs } from '../domain/vocabulary';

export interface EmergencyRow {
  id: string;
  requestId: string;
  elderId: string;
  regionCode: string;
  raisedBy: string;
  raisedAs: ActingAs;
  raisedAt: Date;
  staffNotifiedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
}

export interface CallDeviceRow {
  id: string;
  elderId: string;
  label: string;
  registeredBy: string;
  registeredAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = `id, request_id AS "requestId", elder_id AS "elderId", region_code AS "regionCode", raised_by AS "raisedBy",
  raised_as AS "raisedAs", raised_at AS "raisedAt", staff_notified_at AS "staffNotifiedAt",
  acknowledged_by AS "acknowledgedBy", acknowledged_at AS "acknowledgedAt", escalated_at AS "escalatedAt",
  resolved_by AS "resolvedBy", resolved_at AS "resolvedAt", resolution`;

const DEVICE_COLUMNS = `id, elder_id AS "elderId", label, registered_by AS "registeredBy", registered_at AS "registeredAt", revoked_at AS "revokedAt"`;

export function emergencyRepository(db: Sql) {
  return {
    async insert(values: {
      requestId: string;
      elderId: string;
      regionCode: string;
      raisedBy: string;
      raisedAs: ActingAs;
      raisedAt: Date;
    }): Promise<EmergencyRow> {
      const [row] = await db.query(
        `/* insertEmergency */ INSERT INTO elder_care.emergency (request_id, elder_id, region_code, raised_by, raised_as, raised_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [values.requestId, values.elderId, values.regionCode, values.raisedBy, values.raisedAs, values.raisedAt],
      );
      return row;
    },

    findByIds: (ids: readonly string[]): Promise<EmergencyRow[]> =>
      db.query(`/* emergenciesByIds */ SELECT ${COLUMNS} FROM elder_care.emergency WHERE id = ANY($1::uuid[])`, [ids]),

    ofRequests: (requestIds: readonly string[]): Promise<EmergencyRow[]> =>
      db.query(`/* emergenciesOfRequests */ SELECT ${COLUMNS} FROM elder_care.emergency WHERE request_id = ANY($1::uuid[])`, [requestIds]),

    /** The elder's emergency that is not resolved yet, if any. */
    async openOf(elderId: string): Promise<EmergencyRow | null> {
      const [row] = await db.query(
        `/* openEmergencyOfElder */ SELECT ${COLUMNS} FROM elder_care.emergency WHERE elder_id = $1 AND resolved_at IS NULL ORDER BY raised_at DESC LIMIT 1`,
        [elderId],
      );
      return row ?? null;
    },

    async lock(id: string): Promise<EmergencyRow | null> {
      const [row] = await db.query(`/* lockEmergency */ SELECT ${COLUMNS} FROM elder_care.emergency WHERE id = $1 FOR UPDATE`, [id]);
      return row ?? null;
    },

    async acknowledge(id: string, by: string, at: Date): Promise<EmergencyRow> {
      const result = await db.query(
        `/* acknowledgeEmergency */ UPDATE elder_care.emergency SET acknowledged_by = $2, acknowledged_at = greatest($3::timestamptz, raised_at)
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, by, at],
      );
      return updatedRows<EmergencyRow>(result)[0];
    },

    async resolve(id: string, by: string, at: Date, resolution: string): Promise<EmergencyRow> {
      const result = await db.query(
        `/* resolveEmergency */ UPDATE elder_care.emergency SET resolved_by = $2, resolved_at = greatest($3::timestamptz, acknowledged_at), resolution = $4
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, by, at, resolution],
      );
      return updatedRows<EmergencyRow>(result)[0];
    },

    /** Emergencies whose staff on duty have not been told yet (the sweep locks each before it writes). */
    awaitingStaff: (limit: number): Promise<EmergencyRow[]> =>
      db.query(
        `/* emergenciesAwaitingStaff */ SELECT ${COLUMNS} FROM elder_care.emergency WHERE staff_notified_at IS NULL
         ORDER BY raised_at LIMIT $1`,
        [limit],
      ),

    markStaffNotified: (id: string, at: Date) =>
      db.query(`/* emergencyStaffNotified */ UPDATE elder_care.emergency SET staff_notified_at = $2 WHERE id = $1`, [id, at]),

    /** Unacknowledged emergencies raised at or before `before`, not escalated yet. */
    dueForEscalation: (before: Date, limit: number): Promise<EmergencyRow[]> =>
      db.query(
        `/* emergenciesDueForEscalation */ SELECT ${COLUMNS} FROM elder_care.emergency
         WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND raised_at <= $1
         ORDER BY raised_at LIMIT $2`,
        [before, limit],
      ),

    markEscalated: (id: string, at: Date) => db.query(`/* escalateEmergency */ UPDATE elder_care.emergency SET escalated_at = $2 WHERE id = $1`, [id, at]),

    /** Who has been sent a notice of this emergency's request, from the outbox (delivered or not). */
    async notifiedOf(requestId: string): Promise<string[]> {
      const rows: { recipientId: string }[] = await db.query(
        `/* emergencyRecipients */ SELECT DISTINCT recipient_id AS "recipientId" FROM elder_care.notice_outbox
         WHERE kind = 'EMERGENCY' AND subject_type = 'ServiceRequest' AND subject_id = $1`,
        [requestId],
      );
      return rows.map((r) => r.recipientId);
    },

    /** Newest first within a region's code range; `open` keeps the unresolved ones. */
    page(regionCode: string | null, open: boolean, after: [string, string] | null, limit: number): Promise<(EmergencyRow & { cursorAt: string })[]> {
      const params: unknown[] = [regionCode, open, limit];
      const keyset = after ? `AND (raised_at, id) < ($4::timestamptz, $5::uuid)` : '';
      if (after) params.push(after[0], after[1]);
      return db.query(
        `/* emergenciesPage */ SELECT ${COLUMNS}, raised_at::text AS "cursorAt" FROM elder_care.emergency
         WHERE ($1::text IS NULL OR (region_code >= $1 AND region_code < $1 || '~')) AND (NOT $2 OR resolved_at IS NULL) ${keyset}
         ORDER BY raised_at DESC, id DESC LIMIT $3`,
        params,
      );
    },

    count: async (regionCode: string | null, open: boolean): Promise<number> =>
      (
        await db.query(
          `/* emergenciesCount */ SELECT count(*)::int AS n FROM elder_care.emergency
           WHERE ($1::text IS NULL OR (region_code >= $1 AND region_code < $1 || '~')) AND (NOT $2 OR resolved_at IS NULL)`,
          [regionCode, open],
        )
      )[0].n,
  };
}

export function callDeviceRepository(db: Sql) {
  return {
    async insert(elderId: string, label: string, by: string): Promise<CallDeviceRow> {
      const [row] = await db.query(
        `/* registerCallDevice */ INSERT INTO elder_care.call_device (elder_id, label, registered_by) VALUES ($1, $2, $3) RETURNING ${DEVICE_COLUMNS}`,
        [elderId, label, by],
      );
      return row;
    },
    findByIds: (ids: readonly string[]): Promise<CallDeviceRow[]> =>
      db.query(`/* callDevicesByIds */ SELECT ${DEVICE_COLUMNS} FROM elder_care.call_device WHERE id = ANY($1::uuid[])`, [ids]),
    ofElders: (elderIds: readonly string[]): Promise<CallDeviceRow[]> =>
      db.query(`/* callDevicesOfElders */ SELECT ${DEVICE_COLUMNS} FROM elder_care.call_device WHERE elder_id = ANY($1::uuid[]) ORDER BY registered_at, id`, [
        elderIds,
      ]),
    async revoke(id: string, by: string): Promise<CallDeviceRow | null> {
      const result = await db.query(
        `/* revokeCallDevice */ UPDATE elder_care.call_device SET revoked_by = coalesce(revoked_by, $2), revoked_at = coalesce(revoked_at, now())
         WHERE id = $1 RETURNING ${DEVICE_COLUMNS}`,
        [id, by],
      );
      return updatedRows<CallDeviceRow>(result)[0] ?? null;
    },
  };
}

/**
 * Region figures: emergencies raised, still open, escalated, and the median minutes to acknowledge.
 * Computed from the table on each request, not from the rollup (repositories/rollup.ts): a median is no sum.
 */
export const EMERGENCY_STATS_SQL = `/* emergencyStats */
  SELECT r.code, count(e.id)::int AS raised, count(e.id) FILTER (WHERE e.resolved_at IS NULL)::int AS open,
         count(e.id) FILTER (WHERE e.escalated_at IS NOT NULL)::int AS escalated,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.acknowledged_at - e.raised_at))
           FILTER (WHERE e.acknowledged_at IS NOT NULL) / 60)::float8 AS median_minutes
  FROM unnest($1::text[]) AS r(code)
  LEFT JOIN elder_care.emergency e ON e.region_code >= r.code AND e.region_code < r.code || '~'
  GROUP BY r.code`;

export interface EmergencyStatsRow {
  code: string;
  raised: number;
  open: number;
  escalated: number;
  median_minutes: number | null;
}

export const toEmergencyStats = (row: EmergencyStatsRow | undefined) => ({
  raised: row?.raised ?? 0,
  open: row?.open ?? 0,
  escalated: row?.escalated ?? 0,
  medianMinutesToAcknowledge: row?.median_minutes === null || row?.median_minutes === undefined ? null : Math.round(row.median_minutes * 10) / 10,
});
