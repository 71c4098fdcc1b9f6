import { assertUuid, badUserInput } from '@civic/shared';

export interface AttendanceEntry {
  veteranId: string;
  hours: number;
}

/**
 * Attendance is checked whole before anything is written: each veteran once, and
 * hours above zero and no longer than the activity itself.
 */
export function validateAttendance(entries: AttendanceEntry[], activity: { startsAt: Date; endsAt: Date }): AttendanceEntry[] {
  const lengthHours = (activity.endsAt.getTime() - activity.startsAt.getTime()) / 3_600_000;
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const veteranId = assertUuid(entry.veteranId, `attendance[${i}].veteranId`);
    if (seen.has(veteranId)) throw badUserInput(`veteran ${veteranId} is listed twice`, { argument: `attendance[${i}].veteranId` });
    seen.add(veteranId);
    if (!(entry.hours > 0) || entry.hours > Math.min(lengthHours, 24) + 1e-9) {
      throw badUserInput(`hours must be more than 0 and at most the activity's ${lengthHours} hours`, {
        argument: `attendance[${i}].hours`,
      });
    }
    return { veteranId, hours: Math.round(entry.hours * 100) / 100 };
  });
}
