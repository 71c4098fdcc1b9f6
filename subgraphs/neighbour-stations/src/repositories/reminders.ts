import type { Sql } from '@civic/shared';

export interface DueDuty {
  slotId: string;
  personId: string;
  stationName: string;
  /** its start in China time, as the reminder says it: 11月24日 08:30 */
  startsAtChina: string;
}

/** Claimed duty slots starting in [from, until) with a person named on duty and not yet checked in. */
export const dueDutySlots = (db: Sql, from: Date, until: Date): Promise<DueDuty[]> =>
  db.query(
    `/* dueDutyReminders */ SELECT d.id AS "slotId", d.on_duty_person_id AS "personId", s.name AS "stationName",
            to_char(d.starts_at AT TIME ZONE 'Asia/Shanghai', 'FMMM"月"FMDD"日" HH24:MI') AS "startsAtChina"
     FROM neighbour_stations.duty_slot d JOIN neighbour_stations.station s ON s.id = d.station_id
     WHERE d.starts_at >= $1 AND d.starts_at < $2 AND d.on_duty_person_id IS NOT NULL AND d.checked_in_at IS NULL`,
    [from, until],
  );
