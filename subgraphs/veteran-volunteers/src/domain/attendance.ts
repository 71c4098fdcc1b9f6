import { assertUuid, badUserInput, hoursIn } from '@civic/shared';

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
    // Rounded before it is judged: 0.001 h is 0.00 in the column, which refuses it.
    const longest = Math.round(Math.min(lengthHours, 24) * 100) / 100;
    return { veteranId, hours: hoursIn(entry.hours, longest, `attendance[${i}].hours`) };
  });
}
