import { sumHours, type ServedHoursSum } from '@civic/shared';

/** Hours of the requests a volunteer served in the period, once deposited (the reviewed, final hours). */
export const timeBankServedHours: ServedHoursSum = (db, personId, period) =>
  sumHours(
    db,
    `/* timeBankServedHours */ SELECT coalesce(sum(hours), 0)::text AS hours FROM elder_care.service_request
     WHERE volunteer_person_id = $1 AND hours_status = 'DEPOSITED' AND completed_at >= $2 AND completed_at < $3`,
    [personId, period.startsAt, period.endsBefore],
  );
