import { addDays, type SeededRandom, type SeedPopulation } from '@civic/shared';
import { kindsForDate, LUOJIANG_RULE, planSlots } from '../domain/rota';

type Organization = SeedPopulation['organizations'][number];

/** A live programme's rota: the weeks behind it, worked, and the weeks ahead, being picked. */
export const ROTA_PAST_DAYS = 56;
export const ROTA_AHEAD_DAYS = 28;
/**
 * The stations a city or province seed adds keep half of it (the last four weeks
 * worked, the next two being picked): a province's 17,000 stations would otherwise
 * hold 2.9 million slots, most of the seed's time, for nothing a page shows.
 */
export const SCALED_ROTA = { past: 28, ahead: 14 } as const;

/**
 * The share of a future slot's kind of shift already claimed, by how far ahead it
 * is: units pick the coming week nearly full and leave the fourth mostly open.
 */
export function claimedShareAhead(daysAhead: number): number {
  return daysAhead < 7 ? 0.85 : daysAhead < 14 ? 0.55 : daysAhead < 21 ? 0.3 : 0.12;
}
/** Past slots: most were taken; a few stayed open (holidays, a unit short of people). */
export const PAST_CLAIMED_SHARE = 0.9;
/** Of the claimed past slots, the person on duty did not come to this share. */
export const NO_SHOW_SHARE = 0.05;
/** Of those who came, this share forgot to check out. */
export const NO_CHECK_OUT_SHARE = 0.03;

const MINUTE = 60_000;

export interface SeedSlot {
  stationId: string;
  regionCode: string;
  date: string;
  half: 'MORNING' | 'AFTERNOON';
  startsAt: Date;
  endsAt: Date;
  claimedBy: string | null;
  claimedAt: Date | null;
  onDuty: string | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
}

/**
 * One station's slots from ROTA_PAST_DAYS before `today` to ROTA_AHEAD_DAYS after
 * it (Fujian dates). A unit of the kind the day is for (weekdays government
 * units, weekends associations: 轮值规范, seed 001) claimed each taken slot a few
 * days to three weeks before it; in the past, its person on duty checked in
 * around the start (from 20 minutes early to 15 late) and out around the end;
 * today's and later slots are not yet worked. `rosters` keeps each unit's people
 * on duty across the stations planned with it, `busy` who is on duty when (date,
 * half and person), so no one is on duty at two stations at once.
 */
export function planStationRota(
  random: SeededRandom,
  station: { id: string; regionCode: string },
  today: string,
  units: Organization[],
  people: string[],
  rosters = new Map<string, string[]>(),
  busy?: Set<string>,
  window: { past: number; ahead: number } = { past: ROTA_PAST_DAYS, ahead: ROTA_AHEAD_DAYS },
): SeedSlot[] {
  // A unit sends the same handful of its people (drawn at its first slot) to every station it serves.
  const rosterOf = (unit: Organization) => {
    if (!rosters.has(unit.id)) rosters.set(unit.id, random.sample(people, random.int(3, 8)));
    return rosters.get(unit.id)!;
  };
  const startOfToday = new Date(`${today}T00:00:00+08:00`).getTime();
  const local = units.filter((u) => !u.regionCode || station.regionCode.startsWith(u.regionCode));
  return planSlots(LUOJIANG_RULE, addDays(today, -window.past), window.past + window.ahead).map((slot) => {
    const past = slot.date < today;
    const daysAhead = (slot.startsAt.getTime() - startOfToday) / 86_400_000;
    const kinds = kindsForDate(LUOJIANG_RULE, slot.date);
    const able = local.filter((u) => (kinds as string[]).includes(u.kind));
    const unit = able.length && people.length && random.chance(past ? PAST_CLAIMED_SHARE : claimedShareAhead(daysAhead)) ? random.pick(able) : null;
    const base = { stationId: station.id, regionCode: station.regionCode, ...slot, checkedInAt: null, checkedOutAt: null };
    if (!unit) return { ...base, claimedBy: null, claimedAt: null, onDuty: null };
    const claimedAt = new Date(Math.min(slot.startsAt.getTime() - random.int(2 * 24 * 60, 21 * 24 * 60) * MINUTE, startOfToday - random.int(10, 600) * MINUTE));
    // Whoever of the roster is not on duty elsewhere in that half-day (a unit serves several stations at once).
    const roster = rosterOf(unit);
    const free = busy ? roster.filter((person) => !busy.has(`${slot.date}${slot.half}${person}`)) : roster;
    if (!free.length) return { ...base, claimedBy: null, claimedAt: null, onDuty: null };
    const claimed = { ...base, claimedBy: unit.id, claimedAt, onDuty: random.pick(free) };
    busy?.add(`${slot.date}${slot.half}${claimed.onDuty}`);
    if (!past || random.chance(NO_SHOW_SHARE)) return claimed;
    const checkedInAt = new Date(slot.startsAt.getTime() + random.int(-20, 15) * MINUTE);
    const checkedOutAt = random.chance(NO_CHECK_OUT_SHARE) ? null : new Date(slot.endsAt.getTime() + random.int(-20, 30) * MINUTE);
    return { ...claimed, checkedInAt, checkedOutAt };
  });
}
