import type { DataSource, EntityManager } from 'typeorm';
import { Where, type CheckInMethod, type CheckInStamps } from '@civic/shared';

export interface CheckpointRow {
  id: string;
  name: string;
  regionCode: string;
  teamId: string | null;
  staffedFrom: string;
  staffedUntil: string;
  /** veterans the checkpoint needs on shift at once */
  headcount: number;
}

export interface ShiftRow extends CheckInStamps {
  id: string;
  checkpointId: string;
  veteranId: string;
  startsAt: Date;
  endsAt: Date;
  noShowMarkedAt: Date | null;
}

/** QR: the veteran scanned the place's code; BY_HAND: an officer or the team's leader recorded it. */
export type { CheckInMethod };

export interface ServiceDaysRow {
  veteranId: string;
  days: number;
  shifts: number;
  hours: number;
}

const CHECKPOINT = `c.id, c.name, c.region_code AS "regionCode", c.team_id AS "teamId",
  to_char(c.staffed_from, 'HH24:MI') AS "staffedFrom", to_char(c.staffed_until, 'HH24:MI') AS "staffedUntil", c.headcount`;
export const SHIFT = `s.id, s.checkpoint_id AS "checkpointId", s.veteran_id AS "veteranId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  s.checked_in_at AS "checkedInAt", s.check_in_method AS "checkInMethod", s.check_in_by AS "checkInBy",
  s.checked_out_at AS "checkedOutAt", s.check_out_method AS "checkOutMethod", s.check_out_by AS "checkOutBy", s.no_show_marked_at AS "noShowMarkedAt"`;

export function shiftRepository(db: DataSource | EntityManager) {
  return {
    checkpointsByIds: (ids: readonly string[]): Promise<CheckpointRow[]> =>
      db.query(`/* checkpointsByIds */ SELECT ${CHECKPOINT} FROM veteran_volunteers.checkpoint c WHERE c.id = ANY($1::uuid[])`, [ids]),

    shiftsByIds: (ids: readonly string[]): Promise<ShiftRow[]> =>
      db.query(`/* shiftsByIds */ SELECT ${SHIFT} FROM veteran_volunteers.shift s WHERE s.id = ANY($1::uuid[])`, [ids]),

    checkpointsIn(regionCode: string): Promise<CheckpointRow[]> {
      const where = new Where().region('c.region_code', regionCode);
      return db.query(`/* checkpointsIn */ SELECT ${CHECKPOINT} FROM veteran_volunteers.checkpoint c ${where} ORDER BY c.name, c.id`, where.params);
    },

    /** Shifts overlapping [from, to) on one checkpoint. */
    onCheckpoint: (checkpointId: string, from: Date, to: Date): Promise<ShiftRow[]> =>
      db.query(
        `/* checkpointShifts */ SELECT ${SHIFT} FROM veteran_volunteers.shift s
         WHERE s.checkpoint_id = $1 AND s.starts_at < $3 AND s.ends_at > $2 ORDER BY s.starts_at, s.id`,
        [checkpointId, from, to],
      ),

    /** A veteran's shifts starting in [from, to). */
    ofVeteran: (veteranId: string, from: Date, to: Date): Promise<ShiftRow[]> =>
      db.query(
        `/* veteranShifts */ SELECT ${SHIFT} FROM veteran_volunteers.shift s
         WHERE s.veteran_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at, s.id`,
        [veteranId, from, to],
      ),

    /** Per veteran on a region's checkpoints: distinct local days touched by a shift, shifts and hours. */
    serviceDays: (regionCode: string, from: Date, to: Date): Promise<ServiceDaysRow[]> => {
      const where = new Where().region('c.region_code', regionCode).add('s.starts_at >= $ AND s.starts_at < $', from, to);
      return db.query(
        `/* checkpointServiceDays */
         WITH s AS (
           SELECT s.* FROM veteran_volunteers.shift s JOIN veteran_volunteers.checkpoint c ON c.id = s.checkpoint_id ${where})
         SELECT s.veteran_id AS "veteranId",
           (SELECT count(DISTINCT d)::int FROM s s2, generate_series(
              (s2.starts_at AT TIME ZONE 'Asia/Shanghai')::date,
              ((s2.ends_at - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d
            WHERE s2.veteran_id = s.veteran_id) AS days,
           count(*)::int AS shifts,
           round(sum(extract(epoch FROM s.ends_at - s.starts_at)) / 3600, 2)::float8 AS hours
         FROM s GROUP BY s.veteran_id ORDER BY days DESC, hours DESC, s.veteran_id`,
        where.params,
      );
    },

    /** Veterans on shift at each shift's checkpoint during it (the shift's own veteran too). */
    signedUpFor: (shiftIds: readonly string[]): Promise<{ shiftId: string; count: number }[]> =>
      db.query(
        `/* shiftsSignedUp */ SELECT s.id AS "shiftId", count(DISTINCT o.veteran_id)::int AS count
         FROM veteran_volunteers.shift s JOIN veteran_volunteers.shift o
           ON o.checkpoint_id = s.checkpoint_id AND o.starts_at < s.ends_at AND o.ends_at > s.starts_at
         WHERE s.id = ANY($1::uuid[]) GROUP BY s.id`,
        [shiftIds],
      ),

    /** Each veteran's shifts marked as no-shows. */
    noShowsOf: (veteranIds: readonly string[]): Promise<{ veteranId: string; count: number }[]> =>
      db.query(
        `/* shiftNoShows */ SELECT s.veteran_id AS "veteranId", count(*)::int AS count FROM veteran_volunteers.shift s
         WHERE s.veteran_id = ANY($1::uuid[]) AND s.no_show_marked_at IS NOT NULL GROUP BY s.veteran_id`,
        [veteranIds],
      ),

    setHeadcount: async (checkpointId: string, headcount: number): Promise<CheckpointRow> =>
      (
        await db.query(`/* setCheckpointHeadcount */ UPDATE veteran_volunteers.checkpoint c SET headcount = $2 WHERE c.id = $1 RETURNING ${CHECKPOINT}`, [
          checkpointId,
          headcount,
        ])
      )[0][0],

    async insert(checkpointId: string, veteranId: string, startsAt: Date, endsAt: Date): Promise<ShiftRow> {
      const [row] = await db.query(
        `/* scheduleShift */ INSERT INTO veteran_volunteers.shift AS s (checkpoint_id, veteran_id, starts_at, ends_at)
         VALUES ($1, $2, $3, $4) RETURNING ${SHIFT}`,
        [checkpointId, veteranId, startsAt, endsAt],
      );
      return row;
    },
  };
}
export type ShiftRepository = ReturnType<typeof shiftRepository>;
