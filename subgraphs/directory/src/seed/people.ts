/**
 * Deterministic synthetic residents for seeding the directory. Everything
 * random comes from one seeded randomizer per call, so
 * a seed reproduces the same people regardless of what else uses faker.
 */
import { generateMersenne53Randomizer } from '@faker-js/faker';
import { makeIdNumber, type IdGender } from '../domain/idNumber';
import { MOBILE_PREFIXES } from '../domain/phone';
import { givenNameAt, surnameAt } from './names';

export interface SeedPerson {
  id: string;
  name: string;
  gender: IdGender;
  birthDate: string;
  phone: string;
  idNumber: string;
  /** 12-digit community code */
  regionCode: string;
}

export interface GeneratePeopleOptions {
  seed: number;
  count: number;
  communityCodes: string[];
  minAge?: number;
  maxAge?: number;
  /** YYYY-MM-DD; fixed by default so seeds stay reproducible across days. */
  today?: string;
  /** called with the count made so far every 100k people: a province's millions take a minute */
  onProgress?: (made: number) => void;
}

const DAY_MS = 86_400_000;

function parseDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`expected YYYY-MM-DD: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

/** `years` before `day`; 29 Feb falls back to 28 Feb rather than rolling into March. */
function yearsBefore(day: number, years: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear() - years;
  const m = d.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// Bounded so an exhausted space (e.g. >500 same-sex people born on one day in one
// district) fails loudly instead of looping forever.
const MAX_DRAWS = 10_000;

function drawUnique(seen: Set<string>, draw: () => string): string {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const value = draw();
    if (!seen.has(value)) {
      seen.add(value);
      return value;
    }
  }
  throw new Error(`could not draw a unique value after ${MAX_DRAWS} attempts`);
}

// Module-level alias: under jest's vm sandbox every `Math.` lookup in a hot loop
// is a slow global access.
const floor = Math.floor;

/** Uniform integer in [0, n) from a [0, 1) source. */
type Below = (n: number) => number;

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A v4-shaped UUID from the seeded stream. faker.string.uuid() is deterministic
 * too, but under jest it alone costs ~1.5 s per 100k.
 */
function seededUuid(below: Below): string {
  return (
    `${hex(below(2 ** 32), 8)}-${hex(below(2 ** 16), 4)}-4${hex(below(2 ** 12), 3)}-` +
    // The variant nibble is 8, 9, a or b (RFC 9562 variant 10xx).
    `${hex(below(2 ** 14) | 0x8000, 4)}-${hex(below(2 ** 24), 6)}${hex(below(2 ** 24), 6)}`
  );
}

export function generatePeople(opts: GeneratePeopleOptions): SeedPerson[] {
  const { seed, count, communityCodes, minAge = 18, maxAge = 95, today = '2026-11-23', onProgress } = opts;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer: ${count}`);
  if (!(minAge >= 0 && maxAge >= minAge)) throw new Error(`need 0 <= minAge <= maxAge, got ${minAge}..${maxAge}`);
  const bad = communityCodes.find((code) => !/^\d{12}$/.test(code));
  if (bad !== undefined) throw new Error(`community codes must be 12 digits: ${bad}`);
  if (count > 0 && communityCodes.length === 0) throw new Error('communityCodes is empty');

  const randomizer = generateMersenne53Randomizer(seed);
  // Plain numbers are drawn straight from faker's randomizer: faker.number.int's
  // argument handling made it the top cost under jest (~4x slower than here).
  const below: Below = (n) => floor(randomizer.next() * n);
  const todayDay = parseDay(today);
  // Born on [today - maxAge years, today - minAge years], so ages are minAge..maxAge.
  const earliest = yearsBefore(todayDay, maxAge);
  const latest = yearsBefore(todayDay, minAge);

  // Real ID and phone numbers are unique, and seed loaders may rely on that, so
  // collisions (a few per 100k) are redrawn; redraws come from the same stream,
  // which keeps the output deterministic.
  const birthDates: string[] = [];
  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  const people: SeedPerson[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const gender: IdGender = below(2) === 1 ? 'MALE' : 'FEMALE';
    // Three draws, as faker's lastName (two) and firstName (one) took before, so every later
    // draw (and so every seeded id) stays where it was; the given name waits for the birth year.
    const surname = surnameAt(randomizer.next());
    randomizer.next();
    const givenDraw = randomizer.next();
    const birthOffset = below(latest - earliest + 1);
    // Only ~28k distinct days exist, and toISOString is a hot spot at 100k people.
    const birthDate = (birthDates[birthOffset] ??= formatDay(earliest + birthOffset));
    const name = surname + givenNameAt(givenDraw, gender, +birthDate.slice(0, 4));
    const regionCode = communityCodes[below(communityCodes.length)];
    const district = regionCode.slice(0, 6);
    const idNumber = drawUnique(idNumbers, () => makeIdNumber(district, birthDate, below(1000), gender));
    // One draw + padStart instead of faker.string.numeric, which draws per digit.
    const phone = drawUnique(phones, () => MOBILE_PREFIXES[below(MOBILE_PREFIXES.length)] + String(below(100_000_000)).padStart(8, '0'));
    people[i] = { id: seededUuid(below), name, gender, birthDate, phone, idNumber, regionCode };
    if (onProgress && (i + 1) % 100_000 === 0) onProgress(i + 1);
  }
  return people;
}
