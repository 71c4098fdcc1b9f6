import { addDays, badUserInput, decideNoShow as decideAttendanceNoShow, decideStamp, type OrganizationKind } from '@civic/shared';
import type { HalfDay } from './vocabulary';

/**
 * 轮值规范 (seed 001, 洛阳桥驿站): a station opens 365 days a year in half-day
 * shifts; weekday shifts are for government units, weekend shifts for
 * associations. A station may set its own rule. Pure functions over dates and
 * times, so the rules are tested without a database.
 */
export interface DutyRule {
  /** ISO weekdays the station opens: 1 = Monday … 7 = Sunday */
  openWeekdays: number[];
  weekdayKinds: OrganizationKind[];
  weekendKinds: OrganizationKind[];
}

export const LUOJIANG_RULE: DutyRule = {
  openWeekdays: [1, 2, 3, 4, 5, 6, 7],
  weekdayKinds: ['GOVERNMENT_UNIT'],
  weekendKinds: ['ASSOCIATION'],
};

/** Shift times in China Standard Time (UTC+8, no daylight saving). */
export const HALF_DAYS: Record<HalfDay, { start: string; end: string }> = {
  MORNING: { start: '08:30', end: '12:00' },
  AFTERNOON: { start: '14:30', end: '18:00' },
};

const DAY_MS = 86_400_000;
/** The longest span a rota is published or listed for at once. */
export const MAX_RANGE_DAYS = 92;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(dayNumber(value)) && addDays(value, 0) === value;

export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function isoWeekday(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay() || 7;
}

export const isWeekend = (date: string) => isoWeekday(date) >= 6;

/** Which organisation kinds may take a shift on this date. */
export function kindsForDate(rule: DutyRule, date: string): OrganizationKind[] {
  return isWeekend(date) ? rule.weekendKinds : rule.weekdayKinds;
}

export function slotTimes(date: string, half: HalfDay): { startsAt: Date; endsAt: Date } {
  const { start, end } = HALF_DAYS[half];
  return { startsAt: new Date(`${date}T${start}:00+08:00`), endsAt: new Date(`${date}T${end}:00+08:00`) };
}

export interface PlannedSlot {
  date: string;
  half: HalfDay;
  startsAt: Date;
  endsAt: Date;
}

/** Two half-day slots for every day the station opens in [from, from + days). */
export function planSlots(rule: DutyRule, from: string, days: number): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    if (!rule.openWeekdays.includes(isoWeekday(date))) continue;
    for (const half of ['MORNING', 'AFTERNOON'] as const) slots.push({ date, half, ...slotTimes(date, half) });
  }
  return slots;
}

/**
 * Validates a [from, to] date range argument. The range is inclusive and at most
 * MAX_RANGE_DAYS long; `notBefore` refuses dates in the past (publishing).
 */
export function parseDateRange(from: string, to: string, notBefore?: string): { from: string; to: string; days: number } {
  if (!isDate(from)) throw badUserInput('from is not a date', { argument: 'from' });
  if (!isDate(to)) throw badUserInput('to is not a date', { argument: 'to' });
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw badUserInput('to must not be before from', { argument: 'to' });
  if (days > MAX_RANGE_DAYS) throw badUserInput(`a range spans at most ${MAX_RANGE_DAYS} days`, { argument: 'to' });
  if (notBefore && from < notBefore) throw badUserInput('from is in the past', { argument: 'from' });
  return { from, to, days };
}

export function parseDutyRule(rule: DutyRule): DutyRule {
  const days = rule.openWeekdays;
  if (!days.length || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || new Set(days).size !== days.length) {
    throw badUserInput('openWeekdays must be distinct ISO weekdays 1..7', { argument: 'openWeekdays' });
  }
  if (!rule.weekdayKinds.length) throw badUserInput('weekdayKinds must name a kind', { argument: 'weekdayKinds' });
  if (!rule.weekendKinds.length) throw badUserInput('weekendKinds must name a kind', { argument: 'weekendKinds' });
  return {
    openWeekdays: [...days].sort(),
    weekdayKinds: [...new Set(rule.weekdayKinds)],
    weekendKinds: [...new Set(rule.weekendKinds)],
  };
}

export type RotaRefusal = { code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'CONFLICT'; message: string; argument?: string };

export interface ClaimFacts {
  slot: { date: string; startsAt: Date; claimedBy: string | null };
  stationRegionCode: string;
  rule: DutyRule;
  unit: { organizationId: string; kind: OrganizationKind; regionCode: string | null };
  now: Date;
}

/**
 * Whether a unit may claim a slot: null to claim, 'already' when this unit holds
 * it (a retried claim), or why not. Checked with the slot row locked.
 */
export function decideClaim(facts: ClaimFacts): null | 'already' | RotaRefusal {
  const { slot, unit, rule } = facts;
  if (slot.startsAt <= facts.now) return { code: 'BAD_USER_INPUT', message: 'the slot is in the past', argument: 'id' };
  const kinds = kindsForDate(rule, slot.date);
  if (!kinds.includes(unit.kind)) {
    const when = isWeekend(slot.date) ? 'weekend' : 'weekday';
    return { code: 'FORBIDDEN', message: `${when} slots of this station are for ${kinds.join(' or ')}, not ${unit.kind}` };
  }
  if (unit.regionCode && !facts.stationRegionCode.startsWith(unit.regionCode)) {
    return { code: 'FORBIDDEN', message: "the organization does not serve the station's region" };
  }
  if (slot.claimedBy === unit.organizationId) return 'already';
  if (slot.claimedBy) return { code: 'CONFLICT', message: 'the slot has already been claimed' };
  return null;
}

export interface DutyFacts {
  slot: { startsAt: Date; endsAt: Date; onDutyPersonId: string | null; checkedInAt: Date | null; checkedOutAt: Date | null };
  personId: string;
  now: Date;
}

/** The person on duty checks in from an hour before the shift until it ends (@civic/shared decideStamp). */
export function decideCheckIn({ slot, personId, now }: DutyFacts): null | 'already' | RotaRefusal {
  if (slot.onDutyPersonId !== personId) return { code: 'FORBIDDEN', message: 'only the person on duty checks in' };
  return decideStamp('in', slot, now);
}

export function decideCheckOut({ slot, personId, now }: DutyFacts): null | 'already' | RotaRefusal {
  if (slot.onDutyPersonId !== personId) return { code: 'FORBIDDEN', message: 'only the person on duty checks out' };
  return decideStamp('out', slot, now);
}

export interface NoShowFacts {
  slot: { endsAt: Date; onDutyPersonId: string | null; checkedInAt: Date | null; noShowMarkedAt: Date | null };
  now: Date;
}

/** A no-show is marked on a slot someone was named for, after it (@civic/shared decideNoShow). */
export function decideNoShow({ slot, now }: NoShowFacts): null | 'already' | RotaRefusal {
  if (!slot.noShowMarkedAt && !slot.onDutyPersonId) return { code: 'CONFLICT', message: 'nobody was on duty for this slot' };
  return decideAttendanceNoShow(slot, now);
}
