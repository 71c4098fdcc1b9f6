/**
 * China's 18-digit resident identity number (GB 11643-1999):
 *   6-digit district code · 8-digit birth date YYYYMMDD · 3-digit sequence · check char.
 * The last sequence digit encodes sex (odd = male, even = female).
 */

export type IdGender = 'MALE' | 'FEMALE';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// ISO 7064 MOD 11-2, indexed by (weighted sum mod 11).
const CHECK_CHARS = '10X98765432';
const ID_PATTERN = /^\d{17}[\dX]$/;

/** Check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckDigit expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** True when `yyyymmdd` names a day that exists in the Gregorian calendar. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids DST edges.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseIsoDate(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const parts: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(...parts) ? parts : null;
}

/**
 * Builds a valid ID number. `sequence` is nudged by one where needed so its last
 * digit carries the sex, which keeps it inside 0..999.
 */
export function makeIdNumber(districtCode6: string, birthDate: string, sequence: number, gender: IdGender): string {
  if (!/^\d{6}$/.test(districtCode6)) throw new Error(`district code must be 6 digits: ${districtCode6}`);
  if (!parseIsoDate(birthDate)) throw new Error(`birth date must be a real YYYY-MM-DD date: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new Error(`sequence must be 0..999: ${sequence}`);
  const seq = gender === 'MALE' ? sequence | 1 : sequence & ~1;
  const first17 = districtCode6 + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}

/**
 * Format, calendar date and check character. The check character must be an
 * upper-case X; callers normalise user input before validating.
 */
export function isValidIdNumber(id: string): boolean {
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isCalendarDate(year, month, day)) return false;
  return idCheckDigit(id.slice(0, 17)) === id[17];
}

/** Birth date as YYYY-MM-DD; throws on an invalid ID so bad data is not silently dated. */
export function birthDateFromIdNumber(id: string): string {
  if (!isValidIdNumber(id)) throw new Error('not a valid resident ID number');
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Sex encoded in the 17th digit. */
export function genderFromIdNumber(id: string): IdGender {
  if (!isValidIdNumber(id)) throw new Error('not a valid resident ID number');
  return Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}
