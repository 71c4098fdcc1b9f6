import { badUserInput } from '@civic/shared';

/** A person's account holds at most this many hours (Nanjing's elder-care time bank rule). */
export const ACCOUNT_CAP = 1500;
/** China's volunteer star ranks: cumulative hours for one to five stars. */
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

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
