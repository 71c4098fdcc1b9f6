import { createHash } from 'node:crypto';
import type { SeedPopulation, SeedSize } from '../subgraphModule';
import { SeededRandom } from '../random';

type Person = SeedPopulation['people'][number];

/**
 * How far the seeds go beyond the demo's hand-written rows, by size. A city is a
 * twelfth of the province (the issue's 100k against 1.2M elders); the province
 * has about 200k volunteers: veterans in their teams (veteran-volunteers) and the
 * people units send to stations' duty rotas (neighbour-stations).
 */
export interface SeedScale {
  /** veterans beyond the demo's, in teams of their communities */
  veterans: number;
  /** people the units send to the stations' duty rotas */
  stationVolunteers: number;
  /** the share of communities with a station beyond the named ones */
  stationShare: number;
}

export const SEED_SCALE: Record<SeedSize, SeedScale> = {
  demo: { veterans: 0, stationVolunteers: 0, stationShare: 0 },
  city: { veterans: 12_500, stationVolunteers: 4_200, stationShare: 1 / 12 },
  // a station in every community (stationShare 1)
  province: { veterans: 150_000, stationVolunteers: 50_000, stationShare: 1 },
};

/**
 * A draw in [0, 1) fixed by the seed number and a key (a person's id, a community's
 * code): the same whatever else the seed plans or in what order, so a row's
 * choice never moves when a size adds others. FNV-1a, then mulberry32's mix.
 */
export function seedDraw(seed: number, key: string): number {
  return new SeededRandom(seedHash(seed, key)).next();
}

/** The 32-bit hash behind seedDraw: the start of a stream of one's own (new SeededRandom(seedHash(…))). */
export function seedHash(seed: number, key: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Of an age to have served and still volunteer: born 1956-1998 (28 to 70 in 2026, discharged by 2018). */
export const VOLUNTEER_BORN = { from: 1956, to: 1998 } as const;

export type VolunteerRole = 'veterans' | 'stationVolunteers';

/**
 * The directory's people a size makes volunteers of one role, in the directory's
 * order: each person of volunteering age by their own draw (seedDraw of the seed
 * and their id), veterans the lowest draws and station volunteers the next, so no
 * one serves both (their hours can never overlap) and the counts come near
 * SEED_SCALE whatever the directory holds. One pass over the people.
 */
export function seededVolunteers(population: Pick<SeedPopulation, 'people'>, seed: number, scale: SeedScale, role: VolunteerRole): Person[] {
  if (!scale[role]) return [];
  const born = (p: Person) => +p.birthDate.slice(0, 4);
  const fit = population.people.filter((p) => born(p) >= VOLUNTEER_BORN.from && born(p) <= VOLUNTEER_BORN.to);
  if (!fit.length) return [];
  const veterans = Math.min(1, scale.veterans / fit.length);
  const stations = Math.min(1 - veterans, scale.stationVolunteers / fit.length);
  const [from, to] = role === 'veterans' ? [0, veterans] : [veterans, veterans + stations];
  return fit.filter((p) => {
    const draw = seedDraw(seed, p.id);
    return draw >= from && draw < to;
  });
}

/**
 * Ids for the rows one key (a community) plans, fixed by the seed number, the key
 * and their order: a digest, not the key's SeededRandom, whose 32-bit state makes
 * the streams of thousands of communities run into each other (the same ids
 * twice at province size).
 */
export function seedIds(seed: number, key: string): () => string {
  let n = 0;
  return () => {
    const hex = createHash('md5').update(`${seed}:${key}:${n++}`).digest('hex');
    const variant = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
