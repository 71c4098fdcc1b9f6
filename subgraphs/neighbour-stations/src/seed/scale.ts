import type { SeedPopulation, SeedScale } from '@civic/shared';
import { seedDraw, seededVolunteers, SeededRandom, seedHash, seedIds } from '@civic/shared';
import { AMENITIES, EIGHT_HAVES, type StationKind } from '../domain/vocabulary';
import { offset } from './centres';
import { EVIDENCE, planStationOrders, stationHelps, type StationPlan, type StationsSeedPlan } from './plan';
import { planStationRota, SCALED_ROTA, type SeedSlot } from './rota';

type Organization = SeedPopulation['organizations'][number];

/** Stations planned and written together: a chunk's rota is 84 slots a station (SCALED_ROTA). */
export const STATIONS_PER_CHUNK = 1_000;

export interface StationsChunk {
  stations: StationPlan[];
  slots: SeedSlot[];
  orders: StationsSeedPlan['orders'];
}

/** Items of `rows` by the district (first six digits) of a region code, in their order. */
function byDistrict<T>(rows: readonly T[], codeOf: (row: T) => string | null | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const code = codeOf(row);
    if (!code || code.length < 6) continue;
    const district = code.slice(0, 6);
    const list = map.get(district);
    if (list) list.push(row);
    else map.set(district, [row]);
  }
  return map;
}

/**
 * The stations beyond the named ones, at city and province sizes: one in each
 * community the centres logic places (the demo plan's `centres`), a share of them
 * by the community's own draw (SEED_SCALE.stationShare: all at province size),
 * near its centre, with the rota and orders of a live station as the named ones
 * have. Their duty people are the directory's people seededVolunteers makes
 * station volunteers (no veteran among them), sent by the units that may serve
 * there. Each community draws from a stream of its own; yielded in chunks of
 * STATIONS_PER_CHUNK so a province never sits in memory at once.
 */
export function* planScaledStations(
  seed: number,
  scale: SeedScale,
  population: SeedPopulation,
  today: string,
  demo: Pick<StationsSeedPlan, 'stations' | 'centres' | 'units' | 'busy'>,
): Generator<StationsChunk> {
  if (!scale.stationShare) return;
  const named = new Set(demo.stations.map((s) => s.regionCode));
  const communities = demo.centres
    .filter(([code]) => code.length === 12 && !named.has(code) && (scale.stationShare >= 1 || seedDraw(seed ^ 0x57a, code) < scale.stationShare))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const regionName = new Map((population.regions ?? []).map((r) => [r.code, r.name]));
  const residents = byDistrict(population.people, (p) => p.regionCode);
  const volunteers = byDistrict(seededVolunteers(population, seed, scale, 'stationVolunteers'), (p) => p.regionCode);
  const units = new Map<string, Organization[]>();
  const agencies = byDistrict(
    population.organizations.filter((o) => o.kind === 'SOCIAL_WORK_AGENCY'),
    (o) => o.regionCode,
  );
  const ids = (rows: { id: string }[] | undefined) => (rows ?? []).map((r) => r.id);
  const residentIds = new Map<string, string[]>();
  const volunteerIds = new Map<string, string[]>();
  // Units send their station volunteers here (rosters of their own), never anyone on duty at a named station then (demo.busy).
  const rosters = new Map<string, string[]>();
  let chunk: StationsChunk = { stations: [], slots: [], orders: [] };
  for (const [code, place, lat, lon] of communities) {
    const district = code.slice(0, 6);
    if (!residentIds.has(district)) {
      residentIds.set(district, ids(residents.get(district)));
      volunteerIds.set(district, ids(volunteers.get(district)));
      // Units of the province, the city or the district, or of one of its streets (planStationRota keeps a street's to its stations).
      units.set(
        district,
        demo.units.filter((u) => !u.regionCode || district.startsWith(u.regionCode) || u.regionCode.startsWith(district)),
      );
    }
    const people = residentIds.get(district)!;
    const onDuty = volunteerIds.get(district)!;
    const random = new SeededRandom(seedHash(seed ^ 0x57a, code));
    const newId = seedIds(seed ^ 0x57a, code);
    const kind: StationKind = random.chance(0.2) ? 'MUTUAL_AID' : 'VOLUNTEER_SERVICE';
    const [latitude, longitude] = offset(lat, lon, 0.05 + 0.25 * random.next(), 2 * Math.PI * random.next());
    const met = 4 + random.below(5);
    const street = regionName.get(code.slice(0, 9)) ?? '';
    const operators = agencies.get(district) ?? [];
    const station: StationPlan = {
      name: `${place}${kind === 'MUTUAL_AID' ? '邻里互助驿站' : '志愿服务驿站'}`,
      kind,
      regionCode: code,
      latitude: Math.round(latitude * 1e5) / 1e5,
      longitude: Math.round(longitude * 1e5) / 1e5,
      address: `${regionName.get(district) ?? ''}${street}${place}`,
      peopleCovered: random.int(1_500, 12_000),
      id: newId(),
      operatorId: operators.length && random.chance(0.5) ? random.pick(operators).id : null,
      eightHaves: Object.fromEntries(EIGHT_HAVES.slice(0, met).map((item) => [item, EVIDENCE[item]])),
      amenities: AMENITIES.filter(() => random.next() < 0.6),
      helps: [],
      managerIds: [],
      teams: [],
    };
    station.helps = stationHelps(random, { ...station, teams: undefined }, random.below(5));
    const staff = onDuty.length ? onDuty : people;
    if (staff.length) station.managerIds = [random.pick(staff)];
    chunk.stations.push(station);
    chunk.slots.push(...planStationRota(random, station, today, units.get(district)!, onDuty, rosters, demo.busy, SCALED_ROTA));
    chunk.orders.push(...planStationOrders(random, station, people, onDuty.length ? onDuty : undefined, newId));
    if (chunk.stations.length >= STATIONS_PER_CHUNK) {
      yield chunk;
      chunk = { stations: [], slots: [], orders: [] };
    }
  }
  if (chunk.stations.length) yield chunk;
}
