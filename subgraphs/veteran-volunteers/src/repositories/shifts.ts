import type { DataSource, EntityManager } from 'typeorm';
import { Where } from '@civic/shared';

export interface CheckpointRow {
  id: string;
  name: string;
  regionCode: string;
  teamId: string | null;
  staffedFrom: string;
  staffedUntil: string;
}

export interface ShiftRow {
  id: string;
  checkpointId: string;
  veteranId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface ServiceDaysRow {
  veteranId: string;
  days: number;
  shifts: number;
  hours: number;
}

const CHECKPOINT = `c.id, c.name, c.region_code AS "regionCode", c.team_id AS "teamId",
  to_char(c.staffed_from, 'HH24:MI') AS "staffedFrom", to_char(c.staffed_until, 'HH24:MI') AS "staffedUntil"`;
const SHIFT = `s.id, s.checkpoint_id AS "checkpointId", s.veteran_id AS "veteranId", s.starts_at AS "startsAt", s.ends_at AS "endsAt"`;

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
      const where = new Where()
        .region('c.region_code', regionCode)
        .add('s.starts_at >= $ AND s.starts_at < $', from, to);
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
