/**
 * Mainland China mobile numbers: 11 digits behind a 3-digit network prefix.
 * The prefix list is an allow-list rather than "starts with 1" so typos and
 * unallocated ranges (140-144, 154, 179, 194, ...) are caught at the edge.
 */
const MOBILE_PATTERN = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

export function isValidMobile(phone: string): boolean {
  return typeof phone === 'string' && MOBILE_PATTERN.test(phone);
}

/** Every accepted 3-digit prefix, so generators draw from the same rule the validator enforces. */
export const MOBILE_PREFIXES: readonly string[] = Array.from({ length: 100 }, (_, i) => `1${String(i).padStart(2, '0')}`).filter((prefix) =>
  MOBILE_PATTERN.test(`${prefix}00000000`),
);
