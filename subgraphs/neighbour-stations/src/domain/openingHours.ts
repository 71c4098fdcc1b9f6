import { badUserInput } from '@civic/shared';

/**
 * Opening hours as a weekly schedule in China Standard Time: for each ISO weekday
 * the station opens (1 = Monday … 7 = Sunday), one to three periods "HH:MM"–"HH:MM",
 * in order and not overlapping. A weekday not listed is closed.
 */
export interface OpeningPeriod {
  opens: string;
  closes: string;
}
export interface OpeningDay {
  weekday: number;
  periods: OpeningPeriod[];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const MAX_PERIODS = 3;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Validates a schedule; BAD_USER_INPUT names the argument and the day (`openingHours[2].periods[0].closes`). */
export function parseOpeningHours(days: readonly OpeningDay[], argument: string): OpeningDay[] {
  if (!Array.isArray(days) || days.length === 0) throw badUserInput(`${argument} must list at least one weekday`, { argument });
  if (days.length > 7) throw badUserInput(`${argument} lists more than seven weekdays`, { argument });
  const seen = new Set<number>();
  const parsed = days.map((day, i) => {
    const at = `${argument}[${i}]`;
    if (!Number.isInteger(day.weekday) || day.weekday < 1 || day.weekday > 7) {
      throw badUserInput(`${at}.weekday must be an ISO weekday, 1 (Monday) to 7 (Sunday)`, { argument: `${at}.weekday` });
    }
    if (seen.has(day.weekday)) throw badUserInput(`${at}.weekday ${day.weekday} is listed twice`, { argument: `${at}.weekday` });
    seen.add(day.weekday);
    if (!Array.isArray(day.periods) || day.periods.length === 0 || day.periods.length > MAX_PERIODS) {
      throw badUserInput(`${at}.periods must hold 1 to ${MAX_PERIODS} periods`, { argument: `${at}.periods` });
    }
    let lastClose = -1;
    const periods = day.periods.map((period: OpeningPeriod, j: number) => {
      const where = `${at}.periods[${j}]`;
      for (const end of ['opens', 'closes'] as const) {
        if (typeof period[end] !== 'string' || !TIME.test(period[end])) {
          throw badUserInput(`${where}.${end} must be a time HH:MM (China Standard Time)`, { argument: `${where}.${end}` });
        }
      }
      if (minutes(period.opens) >= minutes(period.closes)) {
        throw badUserInput(`${where} must close after it opens`, { argument: `${where}.closes` });
      }
      if (minutes(period.opens) < lastClose) {
        throw badUserInput(`${where} overlaps or comes before the period before it`, { argument: `${where}.opens` });
      }
      lastClose = minutes(period.closes);
      return { opens: period.opens, closes: period.closes };
    });
    return { weekday: day.weekday, periods };
  });
  return parsed.sort((a, b) => a.weekday - b.weekday);
}

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * The posted text of a schedule, as a station's door shows it: consecutive weekdays
 * with the same periods grouped ("周一至周五 08:30-12:00, 14:30-18:00; 周六 09:00-12:00").
 */
export function openingHoursText(days: readonly OpeningDay[]): string {
  const text = (day: OpeningDay) => day.periods.map((p) => `${p.opens}-${p.closes}`).join(', ');
  const groups: { from: number; to: number; hours: string }[] = [];
  for (const day of days) {
    const last = groups[groups.length - 1];
    const hours = text(day);
    if (last && last.to === day.weekday - 1 && last.hours === hours) last.to = day.weekday;
    else groups.push({ from: day.weekday, to: day.weekday, hours });
  }
  return groups.map((g) => `${g.from === g.to ? DAY_NAMES[g.from] : `${DAY_NAMES[g.from]}至${DAY_NAMES[g.to]}`} ${g.hours}`).join('; ');
}
