import { badUserInput } from './errors';

export type RegionLevel = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';

/** Official statistical division codes are hierarchical: 2, 4, 6, 9 or 12 digits. */
const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'PROVINCE',
  4: 'CITY',
  6: 'DISTRICT',
  9: 'STREET',
  12: 'COMMUNITY',
};
const PARENT_LENGTH: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };

export function isRegionCode(code: string): boolean {
  return /^\d+$/.test(code) && code.length in LEVEL_BY_LENGTH;
}

export function regionLevel(code: string): RegionLevel {
  const level = LEVEL_BY_LENGTH[code.length];
  if (!level) throw new Error(`not a region code: ${code}`);
  return level;
}

/** Every region above this one, nearest first (a community's street, district, city and province). */
export function ancestorRegionCodes(code: string): string[] {
  const ancestors: string[] = [];
  for (let parent = parentRegionCode(code); parent !== null; parent = parentRegionCode(parent)) ancestors.push(parent);
  return ancestors;
}

/** How long the codes of a region's children are (a city's districts: 6), or null for a community. */
export function childCodeLength(code: string): number | null {
  const child = Object.entries(PARENT_LENGTH).find(([, parent]) => parent === code.length);
  return child ? Number(child[0]) : null;
}

export function parentRegionCode(code: string): string | null {
  const length = PARENT_LENGTH[code.length];
  return length ? code.slice(0, length) : null;
}

/** A community's everyday name, as people say it: 闽江村委会 is 闽江村, 桥南社区居委会 桥南社区. */
export function everydayPlaceName(name: string): string {
  return name.replace(/村民?委员?会$/, '村').replace(/居民?委员?会$/, '');
}

/** Validates a region-code argument at the edge, so bad input never reaches SQL. */
export function assertRegionCode(code: string, argument = 'regionCode'): string {
  if (!isRegionCode(code)) {
    throw badUserInput(`${argument} must be an official region code of 2, 4, 6, 9 or 12 digits`, { argument });
  }
  return code;
}

/**
 * "This region and everything below it" as a half-open range of codes. Region-code
 * columns use the C collation, so `code >= lo AND code < hi` is a btree range scan;
 * '~' sorts after every digit in C.
 */
export function regionCodeRange(code: string): [string, string] {
  return [code, `${code}~`];
}
