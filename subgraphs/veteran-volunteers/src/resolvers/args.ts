import { addDays, assertRegionCode, assertUuid, isoDate } from '@civic/shared';
import { datesBetween, localDayStart } from '../domain/time';

/** [from, to] as local days → the instants [start of from, start of the day after to); checked once. */
export function dayRange(from: Date | string, to: Date | string): { from: string; to: string; start: Date; end: Date } {
  const f = isoDate(from);
  const t = isoDate(to);
  datesBetween(f, t);
  return { from: f, to: t, start: localDayStart(f), end: localDayStart(addDays(t, 1)) };
}

export const optionalRegion = (code: string | null | undefined, argument = 'regionCode') => (code != null ? assertRegionCode(code, argument) : null);

export const optionalUuid = (id: string | null | undefined, argument: string) => (id != null ? assertUuid(id, argument) : null);

/** Cursor keys for lists ordered by an instant: [ISO string, id]. */
export const instantKey = (at: Date, id: string): [string, string] => [at.toISOString(), id];
