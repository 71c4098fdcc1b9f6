import type { SeedOptions, SeedPopulation } from '@civic/shared';
import { addDays, everydayPlaceName, localInstant, SEED_SCALE, SeededRandom } from '@civic/shared';
import { storyText, type Teller } from './stories';
import { SeedPlan, SeedTeam, emptyPlan } from './types';
import { planHonourHall, planShifts } from './mawei';
import { planScaledVeterans } from './scale';
import { ACTIVITY_TITLES, KINDS, serviceRecord, SKILLS } from './record';

export { ENLISTMENT_AGE, LAST_DISCHARGE } from './record';

type Person = SeedPopulation['people'][number];

export interface DistrictSpec {
  code: string;
  centre: string;
  /** [name, community code, pilot station name] */
  teams: [string, string, string][];
  veterans: number;
  activities: number;
  /** how many of them were held with a social-work agency (三社联动), when the directory has one */
  partnered?: number;
  stories: number;
}

/** 马尾区, with the figures of seed 003: 5 teams in 6 pilot villages/communities, 100+ veterans, 50+ activities, 200+ stories. */
export const MAWEI: DistrictSpec = {
  code: '350105',
  centre: '马尾区退役军人服务中心',
  teams: [
    ['闽江村红色义工队', '350105102227', '闽江村退役军人服务站'],
    ['新港社区巡逻队', '350105001004', '新港社区退役军人服务站'],
    ['东岐村退役军人志愿服务队', '350105101210', '东岐村退役军人服务站'],
    ['马限社区红色义工队', '350105001002', '马限社区退役军人服务站'],
    ['旺岐社区巡逻队', '350105100001', '旺岐社区退役军人服务站'],
  ],
  veterans: 120,
  activities: 56,
  // Seed 003: "30+ activities with social workers since 2020".
  partnered: 34,
  stories: 210,
};
/** The sixth pilot: a station without its own team yet. */
const MAWEI_SIXTH_PILOT: [string, string] = ['闽安村退役军人服务站', '350105101214'];
/** Street and town level: each runs its own service centre. */
const MAWEI_TOWNS: [string, string][] = [
  ['350105001', '罗星街道'],
  ['350105100', '马尾镇'],
  ['350105101', '亭江镇'],
  ['350105102', '琅岐镇'],
];
const OTHERS: DistrictSpec[] = [
  { code: '350504', centre: '洛江区退役军人服务中心', teams: [], veterans: 10, activities: 4, stories: 6 },
  { code: '350203', centre: '思明区退役军人服务中心', teams: [], veterans: 8, activities: 3, stories: 4 },
];

/** Men and women of an age to have served and still volunteer; men first, as most veterans are. */
function veteransAmong(people: Person[], district: string, count: number): Person[] {
  const fit = people.filter((p) => p.regionCode.startsWith(district) && +p.birthDate.slice(0, 4) >= 1941 && +p.birthDate.slice(0, 4) <= 1998);
  return [...fit.filter((p) => p.gender === 'MALE'), ...fit.filter((p) => p.gender === 'FEMALE')].slice(0, count);
}

/**
 * Plans every row without touching the database: the districts of seed 003 by
 * hand, then at city and province sizes the teams of every community with
 * veterans (scale.ts). `shortfalls` names figures the directory could not fill.
 */
export function planVeteranSeed(options: SeedOptions, scale = SEED_SCALE[options.size]): SeedPlan {
  const plan = planSeedDistricts(options);
  planScaledVeterans(plan, options, scale);
  return plan;
}

/** The hand-written districts (马尾区 with seed 003's figures, 洛江区, 思明区), the same at every size. */
function planSeedDistricts(options: SeedOptions): SeedPlan {
  const random = new SeededRandom(options.seed ^ 0x5eed003);
  const plan = emptyPlan();
  const people = options.population?.people ?? [];
  const partners = (options.population?.organizations ?? []).filter((o) => o.kind === 'SOCIAL_WORK_AGENCY');
  const regionName = new Map((options.population?.regions ?? []).map((r) => [r.code, r.name]));
  const told = new Set<string>();
  for (const spec of [MAWEI, ...OTHERS]) {
    const chosen = veteransAmong(people, spec.code, spec.veterans);
    if (chosen.length < spec.veterans)
      plan.shortfalls.push(`${spec.code}: ${chosen.length} of ${spec.veterans} veterans (the directory has no more people of a suitable age there)`);
    if (!chosen.length) continue;
    plan.servicePoints.push({ id: random.uuid(), name: spec.centre, kind: 'CENTRE', regionCode: spec.code, pilot: false });
    const teamSpecs = spec.teams.length
      ? spec.teams
      : ([[`${spec.centre.slice(0, 3)}退役军人志愿服务队`, chosen[0].regionCode, '']] as [string, string, string][]);
    const teams: SeedTeam[] = teamSpecs.map(([name, regionCode, station]) => {
      const point = station ? { id: random.uuid(), name: station, kind: 'STATION' as const, regionCode, pilot: true } : null;
      if (point) plan.servicePoints.push(point);
      return { id: random.uuid(), name, regionCode, leaderId: null, servicePointId: point?.id ?? null, foundedOn: addDays('2019-02-01', random.int(0, 300)) };
    });
    if (spec === MAWEI) {
      plan.servicePoints.push({ id: random.uuid(), name: MAWEI_SIXTH_PILOT[0], kind: 'STATION', regionCode: MAWEI_SIXTH_PILOT[1], pilot: true });
      for (const [code, town] of MAWEI_TOWNS)
        plan.servicePoints.push({ id: random.uuid(), name: `${town}退役军人服务站`, kind: 'CENTRE', regionCode: code, pilot: false });
    }
    plan.teams.push(...teams);
    const tellers: (Teller & { veteranId?: string })[] = [];
    const veterans = chosen.map((p) => {
      // Enlisted at 17 to 24 and discharged by LAST_DISCHARGE, before the teams they serve in were founded.
      const born = +p.birthDate.slice(0, 4);
      const { enlistYear, serviceYears, dischargeYear } = serviceRecord(random, born);
      const id = random.uuid();
      const place = regionName.get(p.regionCode);
      tellers.push({
        veteranId: id,
        regionCode: p.regionCode,
        name: p.name,
        female: p.gender === 'FEMALE',
        born,
        enlistYear,
        dischargeYear,
        place: place && `${regionName.get(p.regionCode.slice(0, 6)) ?? ''}${everydayPlaceName(place)}`,
      });
      return {
        id,
        personId: p.id,
        regionCode: p.regionCode,
        serviceYears,
        dischargeYear,
        partyMember: random.chance(0.6),
        skills: random.sample(SKILLS, random.int(0, 3)),
      };
    });
    plan.veterans.push(...veterans);
    const membersOf = new Map<string, string[]>(teams.map((t) => [t.id, []]));
    veterans.forEach((v, i) => {
      const team = teams[i % teams.length];
      membersOf.get(team.id)!.push(v.id);
      const joinedAt = localInstant(addDays(team.foundedOn!, random.int(0, 120)), 9);
      const left = random.chance(0.08);
      plan.memberships.push({ teamId: team.id, veteranId: v.id, joinedAt, leftAt: left ? localInstant('2021-06-30', 17) : null });
      if (!left && !team.leaderId && v.partyMember) team.leaderId = v.id; // 兵支书
    });
    const local = partners.filter((o) => o.regionCode?.startsWith(spec.code));
    const partnerPool = local.length ? local : partners.slice(0, 1);
    // A district with a figure has exactly that many partnered activities; the others about three in five.
    const partnered = new Set(
      spec.partnered !== undefined
        ? random.sample([...Array(spec.activities).keys()], Math.min(spec.partnered, spec.activities))
        : [...Array(spec.activities).keys()].filter(() => random.chance(0.6)),
    );
    for (let n = 0; n < spec.activities; n++) {
      const team = teams[n % teams.length];
      const kind = KINDS[n % KINDS.length];
      const date = addDays('2020-01-10', random.int(0, 560));
      // A night patrol sets out after dark; everything else happens in the day.
      const startsAt = localInstant(date, kind === 'PATROL' ? random.int(19, 20) : random.int(8, 15));
      const hours = random.int(2, 4);
      const id = random.uuid();
      const partner = partnerPool.length && partnered.has(n) ? random.pick(partnerPool) : null;
      plan.activities.push({
        id,
        teamId: team.id,
        regionCode: team.regionCode,
        title: `${team.name}${ACTIVITY_TITLES[kind]}`,
        kind,
        startsAt,
        endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
        place: `${team.name.slice(0, 3)}党群服务中心`,
        partnerOrganizationId: partner?.id ?? null,
      });
      for (const veteranId of random.sample(membersOf.get(team.id)!, random.int(4, 10))) {
        plan.attendance.push({ activityId: id, veteranId, hours: random.int(1, hours * 2) / 2 });
      }
    }
    // A story names the team its veteran serves in (and whether they lead it).
    const teamOf = new Map(veterans.map((v, i) => [v.id, teams[i % teams.length]]));
    for (const t of tellers) {
      const team = teamOf.get(t.veteranId!)!;
      Object.assign(t, { team: team.name, leader: team.leaderId === t.veteranId });
    }
    for (let n = 0; n < spec.stories; n++) {
      const story = storyText(random, n, tellers, told);
      if (story) plan.stories.push({ id: random.uuid(), ...story, collectedOn: addDays('2020-03-01', random.int(0, 520)) });
    }
    if (spec === MAWEI) {
      planShifts(plan, random, teams.slice(0, 2), membersOf);
      planHonourHall(plan, random);
    }
  }
  return plan;
}
