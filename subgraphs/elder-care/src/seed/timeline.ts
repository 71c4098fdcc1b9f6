import { addDays, daysBetween, localInstant, type SeededRandom } from '@civic/shared';
import type { ServiceRequestStatus } from '../domain/vocabulary';

/** The seed's "today": fixed, so a seed plans the same rows whenever it runs (the directory's people are aged on it too). */
export const SEED_TODAY = '2026-11-23';
/** The programme has taken requests through this system since then. */
export const PROGRAMME_START = '2025-03-01';
/** Services are done in the day: 07:00 to 21:00 China time. */
export const SERVICE_HOURS = { from: 7, until: 21 } as const;

/** How many days before today a request was made: many recent, few old, as a live programme's requests are. */
export function requestAgeDays(random: SeededRandom): number {
  return Math.floor(daysBetween(PROGRAMME_START, SEED_TODAY) * random.next() ** 2);
}

/** The state a request of that age has reached: recent ones wait or are being served, old ones are done. */
export function statusForAge(random: SeededRandom, ageDays: number): ServiceRequestStatus {
  const r = random.next();
  if (ageDays < 2) return r < 0.6 ? 'OPEN' : r < 0.95 ? 'CLAIMED' : 'CANCELLED';
  // Served and not rated: the programme confirms the hours 7 days on (services/hoursReview.ts), and would do
  // so at start for a seeded completion younger than that; those the elder rated instead.
  if (ageDays < 14)
    return r < 0.2 ? 'OPEN' : r < 0.45 ? 'CLAIMED' : r < 0.75 ? (ageDays < UNRATED_FROM_DAYS ? 'RATED' : 'COMPLETED') : r < 0.92 ? 'RATED' : 'CANCELLED';
  if (ageDays < 60) return r < 0.03 ? 'OPEN' : r < 0.08 ? 'CLAIMED' : r < 0.45 ? 'COMPLETED' : r < 0.9 ? 'RATED' : 'CANCELLED';
  return r < 0.4 ? 'COMPLETED' : r < 0.9 ? 'RATED' : 'CANCELLED';
}

/** A request this old or older may have been served and left unrated: its hours were confirmed by then. */
export const UNRATED_FROM_DAYS = 9;

const HOUR_MS = 3_600_000;

/**
 * When each step of a request made `ageDays` ago happened: asked in the day,
 * claimed an hour or three later, served the next day within service hours (a
 * request reaches COMPLETED only at two days or more, so that is never after
 * today), rated an hour or two after, cancelled within hours.
 */
export function requestTimes(random: SeededRandom, ageDays: number) {
  const day = addDays(SEED_TODAY, -ageDays);
  const created = localInstant(day, random.int(8, 18), random.int(0, 59));
  const completed = localInstant(addDays(day, 1), random.int(SERVICE_HOURS.from + 1, SERVICE_HOURS.until - 3), random.int(0, 59));
  return {
    created,
    claimed: new Date(created.getTime() + random.int(1, 3) * HOUR_MS),
    completed,
    rated: new Date(completed.getTime() + random.int(1, 2) * HOUR_MS),
    cancelled: new Date(created.getTime() + random.int(1, 3) * HOUR_MS),
  };
}

/** The end of the seed's today: a step planned later has not happened yet. */
export const END_OF_TODAY = localInstant(addDays(SEED_TODAY, 1), 0);
