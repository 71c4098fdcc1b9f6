import { addDays, badUserInput } from '@civic/shared';

/** Veteran work happens in Fujian: days are Asia/Shanghai days (UTC+8, no daylight saving). */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;

/** An interval that ends before it starts is bad input; `allowEmpty` admits ends == starts. */
export function assertInterval(startsAt: Date, endsAt: Date, { allowEmpty = true, argument = 'endsAt' } = {}): void {
  const ok = allowEmpty ? endsAt >= startsAt : endsAt > startsAt;
  if (!ok) throw badUserInput(`${argument} must be after startsAt`, { argument });
}

/** The start of a local calendar day (YYYY-MM-DD), as an instant. */
export function localDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - LOCAL_OFFSET_MS);
}

/** Every date from `from` to `to` inclusive; bad input when reversed or longer than a year. */
export function datesBetween(from: string, to: string): string[] {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  if (days < 0) throw badUserInput('to must not be before from', { argument: 'to' });
  if (days >= MAX_RANGE_DAYS) throw badUserInput(`at most ${MAX_RANGE_DAYS} days at a time`, { argument: 'to' });
  return Array.from({ length: days + 1 }, (_, i) => addDays(from, i));
}

/** "07:30" → minutes after midnight; "24:00" is 1440. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
