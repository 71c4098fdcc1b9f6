import { badUserInput, chinaToday, localInstant, type MonthlyPartitioning } from '@civic/shared';
import type { AccountKind, TransferKind } from './vocabulary';

/** A person's account holds at most this many hours (Nanjing's elder-care time bank rule). */
export const ACCOUNT_CAP = 1500;
/** China's volunteer star ranks: cumulative hours for one to five stars. */
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

/**
 * The programme's books are kept per city (4-digit code): 金厝边 hours are a city
 * currency, backed by the city's civil-affairs bureau, earned in one district and
 * spent in another, so each city has one ISSUING account (every hour a volunteer
 * is credited for a service, or carried over from the paper ledger, is issued from
 * it: its balance is minus the hours ever issued) and one REDEMPTION account (every
 * hour redeemed or spent on a reward ends there). Per district would split one
 * volunteer's city-wide hours across books for no reader's benefit.
 */
export const cityOf = (regionCode: string) => regionCode.slice(0, 4);

/** Which kind of account each kind of transfer debits and credits; the database refuses any other pair. */
export const TRANSFER_ACCOUNTS: Record<TransferKind, { debit: AccountKind; credit: AccountKind }> = {
  OPENING_BALANCE: { debit: 'ISSUING', credit: 'PERSON' },
  DEPOSIT: { debit: 'ISSUING', credit: 'PERSON' },
  OVERFLOW: { debit: 'PERSON', credit: 'POOL' },
  DONATION: { debit: 'PERSON', credit: 'PERSON' },
  GRANT: { debit: 'POOL', credit: 'PERSON' },
  REDEMPTION: { debit: 'PERSON', credit: 'REDEMPTION' },
  REWARD: { debit: 'PERSON', credit: 'REDEMPTION' },
};

/** How a transfer reads on the statement of one of its two accounts. */
export function entryKind(kind: TransferKind, side: 'DEBIT' | 'CREDIT') {
  if (kind === 'OVERFLOW' || kind === 'DONATION' || kind === 'GRANT') return side === 'DEBIT' ? 'DONATION_OUT' : 'DONATION_IN';
  return kind;
}

/** At most this many hours of service are credited to one volunteer per day (China time): more is refused. */
export const DAILY_CAP = 12;
/** Pending hours are deposited by the programme this many days after completion, unless disputed first. */
export const CONFIRM_AFTER_DAYS = 7;
const DAY_MS = 24 * 3_600_000;

/** The China-time day an instant falls in, as [start, end). */
export function chinaDayOf(at: Date): { start: Date; end: Date } {
  const start = localInstant(chinaToday(at), 0);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** Completions at or before this instant are due for automatic deposit at `now`. */
export const dueBefore = (now: Date) => new Date(now.getTime() - CONFIRM_AFTER_DAYS * DAY_MS);

/** True when `hours` more on a day that already holds `already` stays within the daily cap. */
export const fitsTheDay = (already: number, hours: number) => toCents(already) + toCents(hours) <= toCents(DAILY_CAP);

/** Hours are kept in hundredths; arithmetic on whole hundredths stays exact. */
export const toCents = (hours: number) => Math.round(hours * 100);
export const fromCents = (cents: number) => cents / 100;

export function stars(totalDeposited: number): number {
  return STAR_THRESHOLDS.filter((threshold) => totalDeposited >= threshold).length;
}

/** Hours for the account and hours above the cap, which go to the community's donation pool. */
export function splitDeposit(balance: number, hours: number, cap = ACCOUNT_CAP): { kept: number; overflow: number } {
  const room = Math.max(0, toCents(cap) - toCents(balance));
  const kept = Math.min(room, toCents(hours));
  return { kept: fromCents(kept), overflow: fromCents(toCents(hours) - kept) };
}

/** Positive, at most `max`, in whole hundredths of an hour: BAD_USER_INPUT otherwise. */
export function assertHours(hours: number, max: number, argument = 'hours'): number {
  const ok = Number.isFinite(hours) && hours > 0 && hours <= max && Math.abs(hours * 100 - toCents(hours)) < 1e-6;
  if (!ok) throw badUserInput(`${argument} must be more than 0 and at most ${max}, in hundredths of an hour`, { argument });
  return hours;
}

/** One service is at most a day: hours in (0, 24]. */
export const assertServiceHours = (hours: number) => assertHours(hours, 24);

/** Rewards bought with hours (seed 001: scenic-spot discounts for volunteers); never cash. */
export const REWARDS = {
  SCENIC_SPOT_PASS: { hours: 20, description: '景区优惠: a scenic-spot pass for volunteers' },
  HEALTH_CHECK: { hours: 30, description: '健康体检: a health check at a community clinic' },
  CANTEEN_MEALS: { hours: 10, description: '长者食堂: ten meals at an elder canteen, for oneself or family' },
  HONOUR_CERTIFICATE: { hours: 5, description: '荣誉证书: a framed volunteer honour certificate' },
} as const;
export type RewardKind = keyof typeof REWARDS;

/**
 * The ledger (`time_bank_transfer`) is partitioned by month of its `created_at`
 * (README "Scaling"): it only grows, a transfer is never changed, its reads are an
 * account's newest transfers and the figures by month, and a month's rows are
 * written together and then only read. Its months are never dropped (the books must
 * explain every balance); the maintenance job keeps the coming months made.
 */
export const LEDGER_PARTITIONING: MonthlyPartitioning = { schema: 'elder_care', table: 'time_bank_transfer', column: 'created_at' };
