import { sumHours, type ServedHoursSum, type Sql } from '@civic/shared';

/** Duty hours from check-in to check-out, each slot to the hundredth as `DutySlot.hours` shows it. */
export const stationDutyServedHours: ServedHoursSum = (db, personId, period) =>
  sumHours(
    db,
    `/* stationDutyServedHours */ SELECT coalesce(sum(round(extract(epoch FROM checked_out_at - checked_in_at) / 36) / 100), 0)::text AS hours
     FROM neighbour_stations.duty_slot
     WHERE on_duty_person_id = $1 AND checked_out_at IS NOT NULL AND starts_at >= $2 AND starts_at < $3`,
    [personId, period.startsAt, period.endsBefore],
  );

/** The managers of the open stations in these communities, each once. */
export async function stationManagersIn(db: Sql, communityCodes: string[]): Promise<string[]> {
  const rows: { personId: string }[] = await db.query(
    `/* stationManagersIn */ SELECT DISTINCT m.person_id AS "personId" FROM neighbour_stations.station_manager m
     JOIN neighbour_stations.station s ON s.id = m.station_id
     WHERE s.region_code = ANY($1::varchar[]) AND s.status = 'OPEN' ORDER BY 1`,
    [communityCodes],
  );
  return rows.map((r) => r.personId);
}
