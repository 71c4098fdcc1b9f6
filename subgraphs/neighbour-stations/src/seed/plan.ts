import type { SeedPopulation } from '@civic/shared';
import { AMENITIES, EIGHT_HAVES, HELP_KINDS, type HelpKind, type StationOrderStatus } from '../domain/vocabulary';
import { COMMUNITY_CENTRES, NAMED_STATIONS, NamedStation } from './places';
import { planStationRota } from './rota';
import { deriveCommunityCentres, type CentreRow } from './centres';
import { seededRandom, type SeededRandom } from '@civic/shared';

type Organization = SeedPopulation['organizations'][number];
const FLOW: StationOrderStatus[] = ['PLACED', 'DISPATCHED', 'ACCEPTED', 'COMPLETED', 'RATED'];

/** The state an order placed `daysAgo` has reached, for a [0, 1) draw: recent ones under way, older ones done. */
export function orderStatusForAge(draw: number, daysAgo: number): StationOrderStatus {
  if (daysAgo <= 2) return draw < 0.35 ? 'PLACED' : draw < 0.6 ? 'DISPATCHED' : draw < 0.85 ? 'ACCEPTED' : draw < 0.95 ? 'COMPLETED' : 'CANCELLED';
  if (daysAgo <= 10) return draw < 0.05 ? 'DISPATCHED' : draw < 0.15 ? 'ACCEPTED' : draw < 0.5 ? 'COMPLETED' : draw < 0.9 ? 'RATED' : 'CANCELLED';
  return draw < 0.35 ? 'COMPLETED' : draw < 0.9 ? 'RATED' : 'CANCELLED';
}

export interface StationPlan extends Omit<NamedStation, 'teams'> {
  id: string;
  operatorId: string | null;
  eightHaves: Record<string, string>;
  amenities: string[];
  helps: HelpKind[];
  managerIds: string[];
  teams: { id: string; name: string; serves: HelpKind; members: string[] }[];
}

/**
 * The helps (五助) a station offers: a parallel station's teams' own; otherwise
 * what its kind is for (a mutual-aid station helps elders, a veterans' station
 * elders and those in hardship) or, for the i-th volunteer station, the i-th of
 * the five in turn, with one to three more drawn: 2 to 4 in all.
 */
export function stationHelps(random: SeededRandom, station: NamedStation, i: number): HelpKind[] {
  if (station.teams?.length) return HELP_KINDS.filter((h) => station.teams!.some(([, serves]) => serves === h));
  const first: HelpKind[] =
    station.kind === 'MUTUAL_AID' ? ['ELDERLY'] : station.kind === 'VETERAN_SERVICE' ? ['ELDERLY', 'HARDSHIP'] : [HELP_KINDS[i % HELP_KINDS.length]];
  const more = random.sample(
    HELP_KINDS.filter((h) => !first.includes(h)),
    random.int(2, 4) - first.length,
  );
  return HELP_KINDS.filter((h) => first.includes(h) || more.includes(h));
}

/** Evidence a station keeps for each of the eight haves it meets. */
export const EVIDENCE: Record<string, string> = {
  FIXED_HOURS: '门口公示开放时间 08:30-12:00, 14:30-18:00',
  FIXED_STAFF: '站长及轮值表上墙',
  VENUE: '独立服务用房',
  SIGNAGE: '统一志愿服务驿站标识',
  TEAM: '志愿服务队花名册',
  ACTIVITIES: '每月活动记录',
  ARCHIVES: '服务台账与照片档案',
  RULES: '驿站管理制度上墙',
};

/**
 * A live station's orders: a few to a dozen and more each, most of them recent; old
 * ones done or cancelled, this week's still on their way. Across the stations every
 * state is there, but no station has one of each. `people` are the residents who
 * place them; a team's members take its orders, `others` (or residents) the rest.
 * `newId` gives their ids (a generated station's own, seedIds).
 */
export function planStationOrders(
  random: SeededRandom,
  station: Pick<StationPlan, 'id' | 'regionCode' | 'teams' | 'helps' | 'managerIds'>,
  people: string[],
  others?: string[],
  newId = () => random.uuid(),
) {
  if (people.length < 2) return [];
  return Array.from({ length: random.int(3, 16) }, (_, k) => {
    const daysAgo = 1 + Math.floor(180 * random.next() ** 2);
    const status = orderStatusForAge(random.next(), daysAgo);
    const team = station.teams.length ? station.teams[k % station.teams.length] : null;
    const help = team ? team.serves : station.helps[k % station.helps.length];
    const residentId = random.pick(people);
    const volunteers = team?.members.length ? team.members : (others ?? people);
    const volunteerId = status === 'PLACED' || status === 'CANCELLED' ? null : random.pick(volunteers);
    const reached = status === 'CANCELLED' ? ['PLACED', 'CANCELLED'] : FLOW.slice(0, FLOW.indexOf(status) + 1);
    const actor = (s: string) =>
      s === 'PLACED' || s === 'RATED' || s === 'CANCELLED' ? residentId : s === 'DISPATCHED' ? (station.managerIds[0] ?? null) : volunteerId;
    return {
      id: newId(),
      stationId: station.id,
      regionCode: station.regionCode,
      help,
      teamId: team?.id ?? null,
      status,
      rating: status === 'RATED' ? 3 + random.below(3) : null,
      residentId,
      volunteerId,
      daysAgo,
      steps: reached.map((s) => ({ status: s, actorId: actor(s) })),
    };
  });
}

/** Plans the demo rows without touching the database; `today` is Fujian's date. */
export function planStationsSeed(seed: number, population: SeedPopulation, today: string) {
  const random = seededRandom(seed);
  const units = population.organizations.filter((o) => o.kind === 'GOVERNMENT_UNIT' || o.kind === 'ASSOCIATION');
  // The people of a station's district (or everyone, when none live there), looked up once per district.
  const nearby = new Map<string, string[]>();
  const peopleOf = (regionCode: string) => {
    const district = regionCode.slice(0, 6);
    if (!nearby.has(district)) {
      const near = population.people.filter((p) => p.regionCode.startsWith(district));
      nearby.set(
        district,
        (near.length ? near : population.people).map((p) => p.id),
      );
    }
    return nearby.get(district)!;
  };
  const operatorOf = (station: NamedStation): Organization | undefined =>
    population.organizations.find((o) => o.name === station.operatorName) ??
    population.organizations.find((o) => o.kind === 'SOCIAL_WORK_AGENCY' && o.regionCode?.startsWith(station.regionCode.slice(0, 6)));

  const helpsRandom = seededRandom(seed ^ 0x05e1f);
  const stations: StationPlan[] = NAMED_STATIONS.map((station, i) => {
    const people = peopleOf(station.regionCode);
    const met = i < 2 ? 8 : 4 + random.below(5); // the two Luojiang pilots meet all eight
    return {
      ...station,
      id: random.uuid(),
      operatorId: operatorOf(station)?.id ?? null,
      eightHaves: Object.fromEntries(EIGHT_HAVES.slice(0, met).map((item) => [item, EVIDENCE[item]])),
      amenities: i < 2 ? [...AMENITIES] : AMENITIES.filter(() => random.next() < 0.6),
      helps: stationHelps(helpsRandom, station, i),
      managerIds: people.length ? [random.pick(people)] : [],
      teams: (station.teams ?? []).map(([name, serves]) => ({
        id: random.uuid(),
        name,
        serves,
        members: people.length ? [...new Set([random.pick(people), random.pick(people)])] : [],
      })),
    };
  });

  // The rota and the helps draw from streams of their own, so the stations' and orders' ids stay those of the seed.
  const rotaRandom = seededRandom(seed ^ 0x0707a);
  const rosters = new Map<string, string[]>();
  const busy = new Set<string>();
  const slots = stations.flatMap((station) => planStationRota(rotaRandom, station, today, units, peopleOf(station.regionCode), rosters, busy));

  const orders = stations.flatMap((station) => planStationOrders(random, station, peopleOf(station.regionCode)));

  const stationCentres = stations.map((s): CentreRow => [s.regionCode, s.name.replace(/驿站.*$/, ''), s.latitude + 0.001, s.longitude]);
  const known = new Set(COMMUNITY_CENTRES.map(([code]) => code));
  const surveyed: CentreRow[] = [...COMMUNITY_CENTRES, ...stationCentres.filter(([code]) => !known.has(code))];
  // Every community of the directory gets a centre (derived where none was surveyed), so the 15-minute circle leaves none out.
  const regions = population.regions ?? [];
  const listed = new Set(regions.map((r) => r.code));
  const centres = [...deriveCommunityCentres(regions, stations, surveyed), ...surveyed.filter(([code]) => !listed.has(code))];
  return { units, stations, slots, orders, centres, busy };
}
export type StationsSeedPlan = ReturnType<typeof planStationsSeed>;
