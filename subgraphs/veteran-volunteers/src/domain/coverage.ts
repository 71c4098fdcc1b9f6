import { datesBetween, localDayStart, minutesOfDay } from './time';

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

export interface CheckpointDay {
  date: string;
  shifts: number;
  coveredMinutes: number;
  fullyCovered: boolean;
  gaps: Span[];
}

const MINUTE_MS = 60_000;

/**
 * A checkpoint's coverage per local day: within the day's staffed hours, which
 * stretches have at least one veteran on shift and which have nobody (the gaps).
 * Shifts may overlap each other (two veterans at once) and cross midnight.
 */
export function dailyCoverage(hours: { staffedFrom: string; staffedUntil: string }, shifts: Span[], from: string, to: string): CheckpointDay[] {
  const sorted = [...shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return datesBetween(from, to).map((date) => {
    const dayStart = localDayStart(date).getTime();
    const open = dayStart + minutesOfDay(hours.staffedFrom) * MINUTE_MS;
    const close = dayStart + minutesOfDay(hours.staffedUntil) * MINUTE_MS;
    const gaps: Span[] = [];
    let cursor = open;
    let count = 0;
    let covered = 0;
    for (const shift of sorted) {
      const s = Math.max(shift.startsAt.getTime(), open);
      const e = Math.min(shift.endsAt.getTime(), close);
      if (e <= s) continue;
      count++;
      if (s > cursor) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(s) });
      if (e > cursor) {
        covered += e - Math.max(s, cursor);
        cursor = e;
      }
    }
    if (cursor < close) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(close) });
    return { date, shifts: count, coveredMinutes: Math.round(covered / MINUTE_MS), fullyCovered: gaps.length === 0, gaps };
  });
}
