import { badUserInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Entity ids are UUIDs; anything else is malformed input, not an unknown id. */
export function assertUuid(value: string, argument = 'id'): string {
  if (!isUuid(value)) throw badUserInput(`${argument} is not a valid id`, { argument });
  return value.toLowerCase();
}
