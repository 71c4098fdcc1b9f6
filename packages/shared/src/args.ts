import { badUserInput } from './errors';
import { assertUuid } from './ids';

/** Argument checks at the edge: each refusal is BAD_USER_INPUT naming the argument. */

/** An integer argument within bounds. */
export function intIn(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(`${argument} must be between ${min} and ${max}`, { argument });
  }
  return value;
}

/** An optional text argument of bounded length; blank is no value. */
export function optionalText(value: string | null | undefined, max: number, argument: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw badUserInput(`${argument} is longer than ${max} characters`, { argument });
  return text || null;
}

/** A text argument that must not be blank, of bounded length. */
export function requiredText(value: string, max: number, argument: string): string {
  const text = optionalText(value, max, argument);
  if (!text) throw badUserInput(`${argument} must not be blank`, { argument });
  return text;
}

/**
 * Hours as the graph stores them, to the hundredth: more than 0 once rounded
 * (0.001 h would round to 0 and break the column's CHECK) and at most `max`.
 */
export function hoursIn(value: number, max: number, argument: string): number {
  const hours = Math.round(value * 100) / 100;
  if (!Number.isFinite(hours) || hours <= 0 || hours > max) {
    throw badUserInput(`${argument} must be more than 0 and at most ${max} hours, to the hundredth`, { argument });
  }
  return hours;
}

/** At most this many ids in one open-data list's `ids` (as a page holds at most 100). */
export const MAX_IDS = 100;

/**
 * The filters every open-data list takes (Open311's `service_request_id`,
 * `start_date`, `end_date`): ids (at most 100 UUIDs, lower-cased), and a time
 * window whose start is not after its end. BAD_USER_INPUT names the argument.
 */
export function openDataWindow(args: { ids?: readonly string[] | null; from?: Date | null; to?: Date | null }) {
  if (args.ids && args.ids.length > MAX_IDS) throw badUserInput(`ids holds at most ${MAX_IDS}`, { argument: 'ids' });
  const ids = args.ids ? args.ids.map((id) => assertUuid(id, 'ids')) : null;
  const from = args.from ?? null;
  const to = args.to ?? null;
  if (from && to && from > to) throw badUserInput('from must not be after to', { argument: 'from' });
  return { ids, from, to };
}
