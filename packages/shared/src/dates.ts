/** Calendar dates as the graph's `Date` scalar carries them (YYYY-MM-DD), in Fujian's time (UTC+8, no DST). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** graphql-scalars hands `Date` arguments over as Date objects at UTC midnight. */
export const isoDate = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString().slice(0, 10));

/** Today's date in Fujian. */
export const chinaToday = (now: Date = new Date()): string => new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** The date `days` after `date` (before, when negative). */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A wall-clock time in Fujian on `date`, as an instant. */
export const localInstant = (date: string, hour: number, minute = 0): Date =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
