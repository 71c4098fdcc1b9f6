import { badUserInput, MAX_PAGE_SIZE } from '@civic/shared';

/** A list's `first`, 0..100. */
export function listSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be 0..${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return first;
}

export const isCommunityCode = (code: string) => /^[0-9]{12}$/.test(code);
