import { badUserInput } from '@civic/shared';

/** Trims a required text argument and checks its length, naming the argument when it is bad. */
export function requiredText(value: string, argument: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) {
    throw badUserInput(`${argument} must be 1 to ${max} characters`, { argument });
  }
  return text;
}

export function optionalText(value: string | null | undefined, argument: string, max: number): string | null {
  return value == null || value.trim() === '' ? null : requiredText(value, argument, max);
}

/** A search must hold at least one letter or digit: punctuation alone matches nothing. */
export function searchText(value: string): string {
  if (!/[\p{L}\p{N}]/u.test(value) || value.length > 200) {
    throw badUserInput('search needs at least one letter or digit and at most 200 characters', { argument: 'search' });
  }
  return value;
}

/** Tags are short labels, each kept once. */
export function tags(values: string[] | null | undefined): string[] {
  const cleaned = (values ?? []).map((t) => requiredText(t, 'tags', 30));
  if (cleaned.length > 20) throw badUserInput('at most 20 tags', { argument: 'tags' });
  return [...new Set(cleaned)];
}
