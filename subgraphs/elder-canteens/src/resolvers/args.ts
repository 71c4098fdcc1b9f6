import { intIn, MAX_PAGE_SIZE } from '@civic/shared';

/** A list's `first`, 0..100. */
export const listSize = (first: number): number => intIn(first, 0, MAX_PAGE_SIZE, 'first');

export const isCommunityCode = (code: string) => /^[0-9]{12}$/.test(code);
