import { badUserInput } from '@civic/shared';

/** graphql-scalars' Date parses to a JS Date at UTC midnight; the domain works on YYYY-MM-DD. */
export const isoDate = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString().slice(0, 10));

/** An integer argument within bounds, or BAD_USER_INPUT naming it. */
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
