import type { Sql } from '@civic/shared';

export interface DueShift {
  shiftId: string;
  personId: string;
  checkpointName: string;
  /** its start in China time, as the reminder says it: 11月24日 20:00 */
  startsAtChina: string;
}

/** Checkpoint shifts starting in [from, until), with the veteran's person. */
export const dueShifts = (db: Sql, from: Date, until: Date): Promise<DueShift[]> =>
  db.query(
    `/* dueShiftReminders */ SELECT s.id AS "shiftId", v.person_id AS "personId", c.name AS "checkpointName",
            to_char(s.starts_at AT TIME ZONE 'Asia/Shanghai', 'FMMM"月"FMDD"日" HH24:MI') AS "startsAtChina"
     FROM veteran_volunteers.shift s
     JOIN veteran_volunteers.veteran v ON v.id = s.veteran_id
     JOIN veteran_volunteers.checkpoint c ON c.id = s.checkpoint_id
     WHERE s.starts_at >= $1 AND s.starts_at < $2`,
    [from, until],
  );
