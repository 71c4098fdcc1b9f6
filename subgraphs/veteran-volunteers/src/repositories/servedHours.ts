import { sumHours, type ServedHoursSum } from '@civic/shared';

/** Shift hours from check-in to check-out, each shift to the hundredth as `CheckpointShift.hours` shows it. */
export const veteranShiftServedHours: ServedHoursSum = (db, personId, period) =>
  sumHours(
    db,
    `/* veteranShiftServedHours */ SELECT coalesce(sum(round(extract(epoch FROM s.checked_out_at - s.checked_in_at) / 36) / 100), 0)::text AS hours
     FROM veteran_volunteers.shift s JOIN veteran_volunteers.veteran v ON v.id = s.veteran_id
     WHERE v.person_id = $1 AND s.checked_out_at IS NOT NULL AND s.starts_at >= $2 AND s.starts_at < $3`,
    [personId, period.startsAt, period.endsBefore],
  );

/** Activity hours as recorded (attendance: by officers, or from a check-out). */
export const veteranActivityServedHours: ServedHoursSum = (db, personId, period) =>
  sumHours(
    db,
    `/* veteranActivityServedHours */ SELECT coalesce(sum(a.hours), 0)::text AS hours
     FROM veteran_volunteers.activity_attendance a
     JOIN veteran_volunteers.veteran v ON v.id = a.veteran_id
     JOIN veteran_volunteers.activity act ON act.id = a.activity_id
     WHERE v.person_id = $1 AND act.starts_at >= $2 AND act.starts_at < $3`,
    [personId, period.startsAt, period.endsBefore],
  );
