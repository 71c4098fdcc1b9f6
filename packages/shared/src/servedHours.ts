import { badUserInput, forbidden } from './errors';
import { assertUuid } from './ids';
import { isGraphService, type Identity } from './auth/identity';
import { chinaToday, daysBetween, isoDate } from './dates';
import type { Sql } from './sql';

/**
 * A volunteer's served hours for a period, as each subgraph that keeps them
 * answers the directory's hours certificate (`VolunteerServedHours`): confirmed
 * hours only (deposited time bank hours, check-ins with their check-out, recorded
 * attendance), never pending, disputed or rejected ones.
 */

/** A certificate covers at most ten years. */
export const MAX_SERVICE_PERIOD_DAYS = 3_653;

/** A period of service in Fujian days, `from` and `to` inclusive, and the instants it spans. */
export interface ServicePeriod {
  from: string;
  to: string;
  /** `from` at 00:00 China time */
  startsAt: Date;
  /** the day after `to` at 00:00 China time (the period ends before it) */
  endsBefore: Date;
}

/** BAD_USER_INPUT for a period that ends before it starts, ends after today (China time) or is longer than ten years. */
export function servicePeriod(fromValue: Date | string, toValue: Date | string, now = new Date()): ServicePeriod {
  const from = isoDate(fromValue);
  const to = isoDate(toValue);
  if (daysBetween(from, to) < 0) throw badUserInput('to must not be before from', { argument: 'to' });
  if (daysBetween(to, chinaToday(now)) < 0) throw badUserInput('to must not be after today: hours are certified once served', { argument: 'to' });
  if (daysBetween(from, to) >= MAX_SERVICE_PERIOD_DAYS) throw badUserInput('a period covers at most ten years', { argument: 'from' });
  const startsAt = new Date(`${from}T00:00:00+08:00`);
  const endsBefore = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
  return { from, to, startsAt, endsBefore };
}

/** Sums one kind of a person's confirmed hours over a period, in SQL. */
export type ServedHoursSum = (db: Sql, personId: string, period: ServicePeriod) => Promise<number>;

/**
 * The resolver of a subgraph's served-hours field, for the graph's own services
 * only (the directory's certificate call): FORBIDDEN for every client, whose
 * hours the subgraph shows through its own fields and rules.
 */
export function servedHoursField(what: string, sum: ServedHoursSum) {
  return async (_: unknown, args: { personId: string; from: Date | string; to: Date | string }, ctx: { identity: Identity; db: Sql }) => {
    if (!isGraphService(ctx.identity)) throw forbidden(`${what} answers the graph's own subgraphs only`);
    const personId = assertUuid(args.personId, 'personId');
    return sum(ctx.db, personId, servicePeriod(args.from, args.to));
  };
}

/** One numeric sum from a `/* named *\/ SELECT … AS hours` query, as a number to the hundredth. */
export async function sumHours(db: Sql, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.query(sql, params);
  return Math.round(Number(row?.hours ?? 0) * 100) / 100;
}
