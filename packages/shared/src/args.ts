import { badUserInput } from './errors';

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
