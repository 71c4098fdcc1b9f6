import type { DataSource, EntityManager } from 'typeorm';
import type { CheckInStamps } from '@civic/shared';
import { SHIFT, type CheckInMethod, type ShiftRow } from './shifts';

/** Who may record for a place by hand: the officers over its region, or its team's leader. */
export interface PlaceStaff {
  regionCode: string;
  /** the person id of the team's leader, when the team has one */
  leaderPersonId: string | null;
}

export interface ShiftPlace extends PlaceStaff {
  shift: ShiftRow;
  /** the person id of the veteran on shift */
  veteranPersonId: string;
}

export interface ActivityPlace extends PlaceStaff {
  id: string;
  startsAt: Date;
  endsAt: Date;
  headcount: number | null;
}

/** An activity's check-in row exists only once someone checked in: its check-in stamps are NOT NULL (unlike a shift's). */
export interface ActivityCheckInRow extends CheckInStamps {
  activityId: string;
  veteranId: string;
  checkedInAt: Date;
  checkInMethod: NonNullable<CheckInStamps['checkInMethod']>;
  checkInBy: string;
}

const CHECK_IN = `x.activity_id AS "activityId", x.veteran_id AS "veteranId", x.checked_in_at AS "checkedInAt", x.check_in_method AS "checkInMethod",
  x.check_in_by AS "checkInBy", x.checked_out_at AS "checkedOutAt", x.check_out_method AS "checkOutMethod", x.check_out_by AS "checkOutBy"`;
const LEADER = `LEFT JOIN veteran_volunteers.veteran_team t ON t.id = TEAM LEFT JOIN veteran_volunteers.veteran lv ON lv.id = t.leader_id`;

export function checkInRepository(db: DataSource | EntityManager) {
  return {
    /** The shift with its place and people; `lock` holds it for the rest of the transaction. */
    async shiftPlace(id: string, lock: boolean): Promise<ShiftPlace | null> {
      const rows = await db.query(
        `/* shiftPlace */ SELECT ${SHIFT}, c.region_code AS "regionCode", lv.person_id AS "leaderPersonId", v.person_id AS "veteranPersonId"
         FROM veteran_volunteers.shift s JOIN veteran_volunteers.checkpoint c ON c.id = s.checkpoint_id
         JOIN veteran_volunteers.veteran v ON v.id = s.veteran_id ${LEADER.replace('TEAM', 'c.team_id')}
         WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
        [id],
      );
      if (!rows[0]) return null;
      const { regionCode, leaderPersonId, veteranPersonId, ...shift } = rows[0];
      return { shift, regionCode, leaderPersonId, veteranPersonId };
    },

    async activityPlace(id: string, lock: boolean): Promise<ActivityPlace | null> {
      const rows = await db.query(
        `/* activityPlace */ SELECT a.id, a.region_code AS "regionCode", a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.headcount,
           lv.person_id AS "leaderPersonId"
         FROM veteran_volunteers.activity a ${LEADER.replace('TEAM', 'a.team_id')} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
        [id],
      );
      return rows[0] ?? null;
    },

    async stampShift(id: string, what: 'in' | 'out', method: CheckInMethod, by: string): Promise<ShiftRow> {
      const set =
        what === 'in' ? 'checked_in_at = now(), check_in_method = $2, check_in_by = $3' : 'checked_out_at = now(), check_out_method = $2, check_out_by = $3';
      return (await db.query(`/* stampShift */ UPDATE veteran_volunteers.shift s SET ${set} WHERE s.id = $1 RETURNING ${SHIFT}`, [id, method, by]))[0][0];
    },

    async markShiftNoShow(id: string, by: string): Promise<ShiftRow> {
      return (
        await db.query(
          `/* markShiftNoShow */ UPDATE veteran_volunteers.shift s SET no_show_marked_at = now(), no_show_marked_by = $2 WHERE s.id = $1 RETURNING ${SHIFT}`,
          [id, by],
        )
      )[0][0];
    },

    /** A veteran's check-in at an activity, locked; null before they check in. */
    async activityCheckIn(activityId: string, veteranId: string): Promise<ActivityCheckInRow | null> {
      const rows = await db.query(
        `/* activityCheckIn */ SELECT ${CHECK_IN} FROM veteran_volunteers.activity_check_in x WHERE x.activity_id = $1 AND x.veteran_id = $2 FOR UPDATE`,
        [activityId, veteranId],
      );
      return rows[0] ?? null;
    },

    async checkInToActivity(activityId: string, veteranId: string, method: CheckInMethod, by: string): Promise<ActivityCheckInRow> {
      return (
        await db.query(
          `/* checkInToActivity */ INSERT INTO veteran_volunteers.activity_check_in AS x (activity_id, veteran_id, checked_in_at, check_in_method, check_in_by)
           VALUES ($1, $2, now(), $3, $4) RETURNING ${CHECK_IN}`,
          [activityId, veteranId, method, by],
        )
      )[0];
    },

    async checkOutOfActivity(activityId: string, veteranId: string, method: CheckInMethod, by: string): Promise<ActivityCheckInRow> {
      return (
        await db.query(
          `/* checkOutOfActivity */ UPDATE veteran_volunteers.activity_check_in x SET checked_out_at = now(), check_out_method = $3, check_out_by = $4
           WHERE x.activity_id = $1 AND x.veteran_id = $2 RETURNING ${CHECK_IN}`,
          [activityId, veteranId, method, by],
        )
      )[0][0];
    },

    signUp: (activityId: string, veteranId: string): Promise<unknown> =>
      db.query(`/* signUpForActivity */ INSERT INTO veteran_volunteers.activity_signup (activity_id, veteran_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        activityId,
        veteranId,
      ]),

    async isSignedUp(activityId: string, veteranId: string): Promise<boolean> {
      const rows = await db.query(`/* isSignedUp */ SELECT 1 FROM veteran_volunteers.activity_signup WHERE activity_id = $1 AND veteran_id = $2`, [
        activityId,
        veteranId,
      ]);
      return rows.length > 0;
    },

    async signedUpCount(activityId: string): Promise<number> {
      const [{ count }] = await db.query(`/* activitySignUps */ SELECT count(*)::int AS count FROM veteran_volunteers.activity_signup WHERE activity_id = $1`, [
        activityId,
      ]);
      return count;
    },
  };
}
