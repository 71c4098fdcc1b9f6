import { randomBytes } from 'node:crypto';
import type { GraphServices } from '../subgraphModule';
import { checkInCodes, type CheckInCodes } from './code';

/**
 * The rules every check-in keeps, whatever is checked in to (a station's duty
 * slot, a checkpoint shift, a veteran activity): pure, so they are tested without
 * a database. Each answers null to go ahead, 'already' for a step already taken
 * (a retry returns the record as it is), or why not.
 */
export type AttendanceRefusal = { code: 'CONFLICT'; message: string };
export type AttendanceDecision = null | 'already' | AttendanceRefusal;

/** How a check-in or check-out was recorded: the place's code scanned, or by the staff's hand. */
export type CheckInMethod = 'QR' | 'BY_HAND';

/** A check-in record's stamps, as every place keeps them (duty slot, shift, activity). */
export interface CheckInStamps {
  checkedInAt: Date | null;
  checkInMethod: CheckInMethod | null;
  checkInBy: string | null;
  checkedOutAt: Date | null;
  checkOutMethod: CheckInMethod | null;
  checkOutBy: string | null;
}

/** How early one may check in. */
export const CHECK_IN_EARLY_MS = 60 * 60_000;

export interface AttendanceTimes {
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/** Check-in is open from an hour before the start until the end; check-out after check-in. */
export function decideStamp(what: 'in' | 'out', times: AttendanceTimes, now: Date): AttendanceDecision {
  if (what === 'in') {
    if (times.checkedInAt) return 'already';
    if (now.getTime() < times.startsAt.getTime() - CHECK_IN_EARLY_MS || now >= times.endsAt) {
      return { code: 'CONFLICT', message: 'check-in is open from an hour before the start until the end' };
    }
    return null;
  }
  if (times.checkedOutAt) return 'already';
  if (!times.checkedInAt) return { code: 'CONFLICT', message: 'check in before checking out' };
  return null;
}

/** A no-show is marked after the end, when nobody checked in. */
export function decideNoShow(times: { endsAt: Date; checkedInAt: Date | null; noShowMarkedAt: Date | null }, now: Date): AttendanceDecision {
  if (times.noShowMarkedAt) return 'already';
  if (now < times.endsAt) return { code: 'CONFLICT', message: 'a no-show is marked after the end' };
  if (times.checkedInAt) return { code: 'CONFLICT', message: 'they checked in' };
  return null;
}

/**
 * Hours attended, from check-in to check-out (to the hundredth); null until both
 * are recorded. With `within`, only the time inside it counts (an activity's
 * hours are no longer than the activity).
 */
export function attendedHours(checkedInAt: Date | null, checkedOutAt: Date | null, within?: { startsAt: Date; endsAt: Date }): number | null {
  if (!checkedInAt || !checkedOutAt) return null;
  const from = within ? Math.max(checkedInAt.getTime(), within.startsAt.getTime()) : checkedInAt.getTime();
  const to = within ? Math.min(checkedOutAt.getTime(), within.endsAt.getTime()) : checkedOutAt.getTime();
  return Math.max(0, Math.round(((to - from) / 3_600_000) * 100) / 100);
}

/**
 * A subgraph's check-in codes, keyed from its own secret. Served without one (a
 * test's bare subgraph), a key of the process's own still issues and verifies them.
 */
export function subgraphCheckInCodes(services: GraphServices): CheckInCodes {
  return checkInCodes(services.credentials?.secret ?? randomBytes(32).toString('base64url'));
}
