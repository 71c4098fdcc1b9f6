import type { SeedOptions, SeedPopulation } from '@civic/shared';
import { ELDER_CONDITIONS, SERVICE_CATEGORIES, type ActingAs, type ElderCondition, type ServiceRequestStatus } from '../domain/vocabulary';
import { planLedger } from './ledger';
import { END_OF_TODAY, requestAgeDays, requestTimes, statusForAge } from './timeline';
import { pickContact } from './kin';
import { everydayPlaceName, SeededRandom } from '@civic/shared';
import type { ElderCareSeedPlan } from './types';

type Person = SeedPopulation['people'][number];
type Plan = ElderCareSeedPlan;

/** Per district: elders, pilot communities (each with a mutual-aid station and resident group), volunteers, requests per elder. */
const SIZES = {
  demo: { elders: 40, pilots: 4, volunteers: 16, requestsPerElder: 3 },
  city: { elders: 1_200, pilots: 40, volunteers: 120, requestsPerElder: 2 },
};
/** 金厝边 is Fuzhou's (seed 000): its pilot communities are in the city of 福州 only. */
export const JINCUOBIAN_CITY = '3501';
/** Where the seeds name places: 马尾区 and 洛江区 come first and always get elders and open requests. */
const FIRST_DISTRICTS = ['350105', '350504'];
const NAMED: Record<string, string> = {
  '350105001004': '新港社区',
  '350105102227': '闽江村',
  '350105101210': '东岐村',
};
const DISTRICT_NAMES: Record<string, string> = { '350105': '马尾区', '350504': '洛江区', '350203': '思明区', '350206': '湖里区', '350102': '鼓楼区' };
const NOTES = ['低盐饮食', '行动不便, 需搀扶', '听力较弱, 请大声说话', '糖尿病, 忌甜食', '每周三子女探望', null, null];
const REQUEST_NOTES = ['午餐送到家', '陪同去社区卫生服务中心', '聊聊天', '量血压', null, null];
const DISPUTE_NOTE = '服务时长与实际不符, 请核实';

const bornIn = (p: Person) => +p.birthDate.slice(0, 4);
/** 高龄: 80 or more in the seed's year (2026), so everyone born in 1946 or before. */
export const ADVANCED_AGE_BORN_BY = 1946;

function conditionsOf(random: SeededRandom, person: Person): ElderCondition[] {
  const odds: Record<ElderCondition, number> = {
    ADVANCED_AGE: bornIn(person) <= ADVANCED_AGE_BORN_BY ? 1 : 0,
    LIVING_ALONE: 0.3,
    DISABLED: 0.12,
    EMPTY_NEST: 0.35,
    LOW_INCOME: 0.15,
  };
  const chosen = ELDER_CONDITIONS.filter((c) => random.chance(odds[c]));
  return chosen.length ? chosen : ['EMPTY_NEST'];
}

/** Plans every row without touching the database, from the directory's people and organizations. */
export function planElderCareSeed(options: SeedOptions): Plan {
  const random = new SeededRandom(options.seed ^ 0x0e1de4);
  const size = SIZES[options.size === 'province' ? 'city' : options.size];
  const people = options.population?.people ?? [];
  const organizations = options.population?.organizations ?? [];
  // Another subgraph's stations, when the launcher has them by now; the link stays empty otherwise.
  const stations = options.population?.stations ?? [];
  const plan: Plan = { pilots: [], elders: [], carers: [], teams: [], members: [], requests: [], steps: [], accounts: [], transfers: [], shortfalls: [] };
  const districts = [...new Set(people.map((p) => p.regionCode.slice(0, 6)))].sort((a, b) => {
    const rank = (d: string) => (FIRST_DISTRICTS.includes(d) ? FIRST_DISTRICTS.indexOf(d) : FIRST_DISTRICTS.length);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const volunteersOf = new Map<string, string[]>();
  const regionNames = new Map((options.population?.regions ?? []).map((r) => [r.code, r.name]));
  /** A place's everyday name: 闽江村委会 is 闽江村, 桥南社区居委会 桥南社区. */
  const placeName = (code: string): string | undefined => NAMED[code] ?? (regionNames.has(code) ? everydayPlaceName(regionNames.get(code)!) : undefined);
  /** A district's stations, its mutual-aid stations first, then other community stations; veterans' service stations are not pilots. */
  const stationsIn = (district: string) =>
    stations
      .filter((s) => s.regionCode.startsWith(district) && s.regionCode.length === 12 && !/退役军人/.test(s.name))
      .sort((a, b) => Number(/互助/.test(b.name)) - Number(/互助/.test(a.name)) || a.regionCode.localeCompare(b.regionCode));

  for (const district of districts) {
    const here = people.filter((p) => p.regionCode.startsWith(district));
    const old = here.filter((p) => bornIn(p) <= 1960);
    const young = here.filter((p) => bornIn(p) > 1960);
    // Named communities first, so the places of the seeds have elders.
    const byPlace = (p: Person) => (NAMED[p.regionCode] ? 0 : 1);
    // Named communities first, each with an elder of it (or else of its street) where the directory has one old enough.
    const named: Person[] = [];
    for (const code of Object.keys(NAMED).filter((c) => c.startsWith(district))) {
      const elder =
        old.find((p) => p.regionCode === code && !named.includes(p)) ?? old.find((p) => p.regionCode.startsWith(code.slice(0, 9)) && !named.includes(p));
      if (elder) named.push(elder);
    }
    const chosen = [
      ...named,
      ...random.sample(
        old.filter((p) => !named.includes(p)),
        size.elders - named.length,
      ),
    ].sort((a, b) => byPlace(a) - byPlace(b));
    if (FIRST_DISTRICTS.includes(district) && chosen.length < size.elders) {
      plan.shortfalls.push(`${district}: ${chosen.length} of ${size.elders} elders (the directory has no more people aged 65 or more there)`);
    }
    if (!chosen.length || young.length < 3) continue;
    const name = placeName(district) ?? DISTRICT_NAMES[district] ?? district;

    const elders = chosen.map((p) => {
      // Family of any age (a child of an elder of 90 may be 60 themselves), checked by kin.ts.
      const { person: contact, relationship } = pickContact(
        random,
        p,
        here.filter((y) => y.regionCode.slice(0, 9) === p.regionCode.slice(0, 9)),
        here,
      );
      const elder = {
        id: random.uuid(),
        personId: p.id,
        regionCode: p.regionCode,
        conditions: conditionsOf(random, p),
        careNeeds: random.sample(SERVICE_CATEGORIES, random.int(1, 3)),
        careNote: random.pick(NOTES),
        contactId: contact.id,
        contactRelationship: relationship,
      };
      if (relationship !== '邻居' && random.chance(0.7)) plan.carers.push({ elderId: elder.id, personId: contact.id, relationship });
      return elder;
    });
    plan.elders.push(...elders);

    // 金厝边 is Fuzhou's programme: its pilots are Fuzhou communities, each with its mutual-aid station (the
    // "1" of 12345) and a resident group named after the community; other districts have volunteers only.
    const fuzhou = district.startsWith(JINCUOBIAN_CITY);
    const pilotStations = fuzhou ? stationsIn(district) : [];
    const pilotCodes = [...new Set(pilotStations.map((s) => s.regionCode))].slice(0, size.pilots);
    const groupOf = new Map<string, { id: string; members: string[] }>();
    for (const code of pilotCodes) {
      const station = pilotStations.find((s) => s.regionCode === code)!;
      plan.pilots.push({ regionCode: code, stationId: station.id });
      const neighbours = young.filter((y) => y.regionCode.slice(0, 9) === code.slice(0, 9));
      const members = random.sample(neighbours.length >= 3 ? neighbours : young, random.int(3, 6)).map((p) => p.id);
      const place = placeName(code) ?? station.name.replace(/(邻里互助|志愿服务)?驿站$|退役军人服务站$/, '');
      const team = { id: random.uuid(), name: `${place}邻里互助组`, kind: 'RESIDENT_GROUP' as const, regionCode: code, organizationId: null };
      plan.teams.push(team);
      plan.members.push(...members.map((personId) => ({ teamId: team.id, personId })));
      groupOf.set(code, { id: team.id, members });
    }
    const home = pilotCodes[0] ?? elders[0].regionCode;
    const volunteerPeople = random.sample(
      young.filter((p) => bornIn(p) >= 1955),
      size.volunteers,
    );
    const volunteers = volunteerPeople.map((p) => p.id);
    const streetOf = new Map(volunteerPeople.map((p) => [p.id, p.regionCode.slice(0, 9)]));
    const volunteerTeam = {
      id: random.uuid(),
      name: `${name}${fuzhou ? '金厝边' : '助老'}志愿服务队`,
      kind: 'VOLUNTEER_TEAM' as const,
      regionCode: home,
      organizationId: null,
    };
    plan.teams.push(volunteerTeam);
    plan.members.push(...volunteers.map((personId) => ({ teamId: volunteerTeam.id, personId })));
    volunteersOf.set(district, volunteers);
    const staff = random.sample(young, 3).map((p) => p.id);
    for (const agency of organizations.filter((o) => o.kind === 'SOCIAL_WORK_AGENCY' && o.regionCode?.startsWith(district)).slice(0, 2)) {
      const team = { id: random.uuid(), name: agency.name, kind: 'SERVICE_ORGANIZATION' as const, regionCode: home, organizationId: agency.id };
      plan.teams.push(team);
      plan.members.push(...staff.map((personId) => ({ teamId: team.id, personId })));
    }

    // One completed service in each first district waits with its hours disputed: the district officer's queue.
    let disputeLeft = FIRST_DISTRICTS.includes(district);
    for (const elder of elders) {
      // An elder of a place the seeds name has asked for help this week and is still waiting: the demo's worklist.
      const waiting = named.some((p) => p.id === elder.personId);
      for (let k = Math.max(random.int(0, size.requestsPerElder), waiting ? 2 : 0); k > 0; k--) {
        // Their newest request waits to be claimed, the one before is being served.
        const recent: ServiceRequestStatus | null = waiting && k <= 2 ? (k === 1 ? 'OPEN' : 'CLAIMED') : null;
        const ageDays = recent ? random.int(2, 6) : requestAgeDays(random);
        const drawn = recent ?? statusForAge(random, ageDays);
        const group = groupOf.get(elder.regionCode);
        const mode = group && !recent && random.chance(0.4) ? 'MUTUAL_AID_GROUP' : 'VOLUNTEER_CLAIM';
        const carer = plan.carers.find((c) => c.elderId === elder.id);
        const [requestedBy, actingAs]: [string, ActingAs] =
          carer && random.chance(0.5) ? [carer.personId, 'FAMILY_MEMBER'] : random.chance(0.3) ? [staff[0], 'STATION_WORKER'] : [elder.personId, 'ELDER'];
        // No self-dealing: nobody on the elder's side serves; a volunteer of the elder's street where there is one.
        const elderSide = new Set([elder.personId, requestedBy, elder.contactId, ...plan.carers.filter((c) => c.elderId === elder.id).map((c) => c.personId)]);
        const eligible = (mode === 'MUTUAL_AID_GROUP' ? group!.members : volunteers).filter((v) => !elderSide.has(v));
        const nearby = eligible.filter((v) => mode === 'MUTUAL_AID_GROUP' || streetOf.get(v) === elder.regionCode.slice(0, 9));
        // Nobody eligible to serve it: an old request was cancelled, a recent one still waits.
        const status: ServiceRequestStatus = drawn !== 'OPEN' && drawn !== 'CANCELLED' && !eligible.length ? (ageDays < 14 ? 'OPEN' : 'CANCELLED') : drawn;
        const volunteerId =
          status === 'OPEN' || (status === 'CANCELLED' && random.chance(0.5)) || !eligible.length ? null : random.pick(nearby.length ? nearby : eligible);
        const times = requestTimes(random, ageDays);
        const id = random.uuid();
        const hours = (status === 'COMPLETED' || status === 'RATED') && volunteerId ? random.int(2, 8) / 2 : null;
        const steps: Plan['steps'] = [{ requestId: id, status: 'OPEN', actorId: requestedBy, actingAs, at: times.created }];
        const serving: ActingAs = mode === 'MUTUAL_AID_GROUP' ? 'GROUP_MEMBER' : 'VOLUNTEER';
        if (volunteerId) steps.push({ requestId: id, status: 'CLAIMED', actorId: volunteerId, actingAs: serving, at: times.claimed });
        // Completed hours wait for review: a rating confirms them; unrated, the programme deposits them after 7 days.
        if (hours)
          steps.push({ requestId: id, status: 'COMPLETED', actorId: volunteerId, actingAs: serving, at: times.completed, hoursStatus: 'PENDING', hours });
        if (hours && status === 'RATED')
          steps.push({ requestId: id, status: 'RATED', actorId: requestedBy, actingAs, at: times.rated, hoursStatus: 'DEPOSITED', hours });
        const disputed = Boolean(hours) && status === 'COMPLETED' && disputeLeft;
        const autoDeposit = new Date(times.completed.getTime() + 7 * 86_400_000);
        if (hours && status === 'COMPLETED' && !disputed && autoDeposit >= END_OF_TODAY) throw new Error('seed: an unrated completion younger than 7 days');
        if (disputed) {
          disputeLeft = false;
          steps.push({
            requestId: id,
            status: 'COMPLETED',
            actorId: requestedBy,
            actingAs,
            at: times.rated,
            hoursStatus: 'DISPUTED',
            hours: hours!,
            note: DISPUTE_NOTE,
          });
        } else if (hours && status === 'COMPLETED') {
          steps.push({ requestId: id, status: 'COMPLETED', actorId: null, actingAs: 'PROGRAMME', at: autoDeposit, hoursStatus: 'DEPOSITED', hours });
        }
        if (status === 'CANCELLED') steps.push({ requestId: id, status: 'CANCELLED', actorId: requestedBy, actingAs, at: times.cancelled });
        plan.steps.push(...steps);
        const reached: ServiceRequestStatus = hours || status === 'CANCELLED' || (status === 'CLAIMED' && volunteerId) ? status : 'OPEN';
        plan.requests.push({
          id,
          elderId: elder.id,
          regionCode: elder.regionCode,
          category: random.pick(elder.careNeeds),
          mode,
          status: reached,
          volunteerId,
          teamId: mode === 'MUTUAL_AID_GROUP' ? group!.id : null,
          hours,
          hoursStatus: disputed ? 'DISPUTED' : hours ? 'DEPOSITED' : null,
          completedAt: hours ? times.completed : null,
          rating: reached === 'RATED' ? random.int(3, 5) : null,
          note: random.pick(REQUEST_NOTES),
          requestedBy,
          createdAt: times.created,
          updatedAt: steps[steps.length - 1].at,
        });
      }
    }
    if (FIRST_DISTRICTS.includes(district) && !plan.requests.some((r) => r.status === 'OPEN' && r.regionCode.startsWith(district))) {
      plan.shortfalls.push(`${district}: no open request`);
    }
  }
  planLedger(plan, random, volunteersOf);
  return plan;
}
