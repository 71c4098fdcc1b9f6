import { assertRegionCode, assertUuid, badUserInput, intIn, optionalText, requiredText } from '@civic/shared';
import { parseStationLocation } from './geo';
import { OpeningDay, openingHoursText, parseOpeningHours } from './openingHours';
import {
  AMENITIES,
  EIGHT_HAVES,
  HELP_KINDS,
  STATION_KINDS,
  STATION_MODES,
  type Amenity,
  type EightHave,
  type HelpKind,
  type StationKind,
  type StationMode,
} from './vocabulary';

/**
 * The registry's argument checks: pure, before any SQL, each refusal BAD_USER_INPUT
 * naming the argument by its path (`input.latitude`, `haves[1].url`).
 */

/** 八有 evidence: a short text saying what shows the item is met, and optionally where to see it. */
export interface Evidence {
  text: string;
  url: string | null;
}
export type EightHavesChecklist = Partial<Record<EightHave, Evidence>>;

export interface EvidenceInput {
  item: EightHave;
  text: string;
  url?: string | null;
}

const MAX_NAME = 200;
const MAX_ADDRESS = 200;
const MAX_EVIDENCE = 500;
const MAX_URL = 500;
const MAX_PEOPLE = 1_000_000;

function oneOf<T extends string>(value: T, allowed: readonly T[], argument: string): T {
  if (!allowed.includes(value)) throw badUserInput(`${argument} must be one of ${allowed.join(', ')}`, { argument });
  return value;
}

/** A set of vocabulary values, each once (a repeat is a mistake, not a preference). */
function vocabularySet<T extends string>(values: readonly T[], allowed: readonly T[], argument: string): T[] {
  if (!Array.isArray(values)) throw badUserInput(`${argument} must be a list`, { argument });
  values.forEach((value, i) => oneOf(value, allowed, `${argument}[${i}]`));
  const repeated = values.find((value, i) => values.indexOf(value) !== i);
  if (repeated) throw badUserInput(`${argument} lists ${repeated} twice`, { argument });
  return allowed.filter((value) => values.includes(value));
}

export const parseAmenities = (values: readonly Amenity[], argument = 'amenities') => vocabularySet(values, AMENITIES, argument);

export function parseHelps(values: readonly HelpKind[], argument = 'helps'): HelpKind[] {
  const helps = vocabularySet(values, HELP_KINDS, argument);
  if (helps.length === 0) throw badUserInput(`${argument} must name at least one of the five helps`, { argument });
  return helps;
}

function parseUrl(value: string | null | undefined, argument: string): string | null {
  const text = optionalText(value, MAX_URL, argument);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUserInput(`${argument} must be an http or https URL`, { argument });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput(`${argument} must be an http or https URL`, { argument });
  return url.toString();
}

/** The whole checklist: each item at most once, with its evidence; items not listed are not met. */
export function parseEightHaves(haves: readonly EvidenceInput[], argument = 'haves'): EightHavesChecklist {
  if (!Array.isArray(haves)) throw badUserInput(`${argument} must be a list`, { argument });
  const checklist: EightHavesChecklist = {};
  haves.forEach((have: EvidenceInput, i: number) => {
    const at = `${argument}[${i}]`;
    const item: EightHave = oneOf<EightHave>(have.item, EIGHT_HAVES, `${at}.item`);
    if (checklist[item]) throw badUserInput(`${argument} lists ${item} twice`, { argument: `${at}.item` });
    checklist[item] = { text: requiredText(have.text, MAX_EVIDENCE, `${at}.text`), url: parseUrl(have.url, `${at}.url`) };
  });
  // Stored in the checklist's own order, so that the same evidence is the same value.
  return Object.fromEntries(EIGHT_HAVES.filter((item) => checklist[item]).map((item) => [item, checklist[item]]));
}

export const parseStationName = (name: string, argument: string) => requiredText(name, MAX_NAME, argument);
export const parseAddress = (address: string, argument: string) => requiredText(address, MAX_ADDRESS, argument);
export const parsePeopleCovered = (people: number, argument: string) => intIn(people, 0, MAX_PEOPLE, argument);
export const parseKind = (kind: StationKind, argument: string) => oneOf(kind, STATION_KINDS, argument);
export const parseMode = (mode: StationMode, argument: string) => oneOf(mode, STATION_MODES, argument);

/** A schedule and the text posted from it. */
export function parseSchedule(days: readonly OpeningDay[], argument: string): { schedule: OpeningDay[]; text: string } {
  const schedule = parseOpeningHours(days, argument);
  return { schedule, text: openingHoursText(schedule) };
}

export interface CreateStationInput {
  name: string;
  kind: StationKind;
  regionCode: string;
  latitude: number;
  longitude: number;
  address: string;
  operatorId?: string | null;
  peopleCovered: number;
  mode?: StationMode | null;
  openingHours?: OpeningDay[] | null;
  amenities?: Amenity[] | null;
  helps?: HelpKind[] | null;
  eightHaves?: EvidenceInput[] | null;
}

export interface NewStation {
  name: string;
  kind: StationKind;
  regionCode: string;
  latitude: number;
  longitude: number;
  address: string;
  operatorId: string | null;
  peopleCovered: number;
  mode: StationMode;
  schedule: OpeningDay[] | null;
  openingHoursText: string | null;
  amenities: Amenity[];
  helps: HelpKind[];
  eightHaves: EightHavesChecklist;
}

export function parseCreateStation(input: CreateStationInput): NewStation {
  const regionCode = assertRegionCode(input.regionCode, 'input.regionCode');
  if (regionCode.length !== 12) throw badUserInput('input.regionCode must be a community (社区/村): 12 digits', { argument: 'input.regionCode' });
  const hours = input.openingHours != null ? parseSchedule(input.openingHours, 'input.openingHours') : null;
  return {
    name: parseStationName(input.name, 'input.name'),
    kind: parseKind(input.kind, 'input.kind'),
    regionCode,
    ...parseStationLocation(input.latitude, input.longitude, 'input.'),
    address: parseAddress(input.address, 'input.address'),
    operatorId: input.operatorId != null ? assertUuid(input.operatorId, 'input.operatorId').toLowerCase() : null,
    peopleCovered: parsePeopleCovered(input.peopleCovered, 'input.peopleCovered'),
    mode: parseMode(input.mode ?? 'SERIAL', 'input.mode'),
    schedule: hours?.schedule ?? null,
    openingHoursText: hours?.text ?? null,
    amenities: parseAmenities(input.amenities ?? [], 'input.amenities'),
    helps: input.helps != null ? parseHelps(input.helps, 'input.helps') : [...HELP_KINDS],
    eightHaves: parseEightHaves(input.eightHaves ?? [], 'input.eightHaves'),
  };
}

export interface StationProfileInput {
  name?: string | null;
  kind?: StationKind | null;
  address?: string | null;
  peopleCovered?: number | null;
  mode?: StationMode | null;
}
export type StationProfile = { name?: string; kind?: StationKind; address?: string; peopleCovered?: number; mode?: StationMode };

/** A profile change: only the fields given; at least one. */
export function parseStationProfile(input: StationProfileInput): StationProfile {
  const profile: StationProfile = {};
  if (input.name != null) profile.name = parseStationName(input.name, 'input.name');
  if (input.kind != null) profile.kind = parseKind(input.kind, 'input.kind');
  if (input.address != null) profile.address = parseAddress(input.address, 'input.address');
  if (input.peopleCovered != null) profile.peopleCovered = parsePeopleCovered(input.peopleCovered, 'input.peopleCovered');
  if (input.mode != null) profile.mode = parseMode(input.mode, 'input.mode');
  if (Object.keys(profile).length === 0) throw badUserInput('input must change at least one field', { argument: 'input' });
  return profile;
}
