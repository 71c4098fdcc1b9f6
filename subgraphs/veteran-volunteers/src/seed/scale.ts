import type { SeedOptions, SeedPopulation, SeedScale } from '@civic/shared';
import { addDays, everydayPlaceName, localInstant, SEED_SCALE, seededVolunteers, SeededRandom, seedHash, seedIds } from '@civic/shared';
import { ACTIVITY_TITLES, KINDS, serviceRecord, SKILLS } from './record';
import type { SeedPlan, SeedTeam } from './types';

type Person = SeedPopulation['people'][number];

/**
 * The seed's fixed calendar beyond the demo (so a seed number always plans the
 * same rows): teams founded 2019-2023, a year of activities up to June 2026, and
 * four weeks of evening patrols before elder care's seed day (2026-11-23). The
 * patrols fall in the evening and the activities months before, so a veteran is
 * never in two places at once; the stations' duty people are others
 * (seededVolunteers gives each person one role).
 */
export const SCALED_CALENDAR = {
  foundedFrom: '2019-03-01',
  foundedDays: 1_700,
  activitiesFrom: '2025-07-01',
  activityDays: 364,
  patrolsFrom: '2026-10-26',
  patrolDays: 28,
  patrol: [19, 21] as const,
};
/** A share of teams staffs a patrol post of its own (the others serve at the district's). */
const PATROL_SHARE = 0.25;
const MINUTE = 60_000;

/**
 * Veterans of every community that has some among the directory's people chosen
 * by seededVolunteers (SEED_SCALE: none at demo size), each community with its
 * team (a station of its own, a leader from its party members), its year of
 * activities with the members who came and their hours, and for a share of teams
 * a patrol post with four weeks of checked shifts. Each community draws from a
 * stream of its own (the seed and its code), so it plans the same rows whatever
 * else is seeded. Appends to `plan`; the hand-written districts' people are left out.
 */
export function planScaledVeterans(plan: SeedPlan, options: SeedOptions, scale: SeedScale = SEED_SCALE[options.size]): void {
  if (!scale.veterans) return;
  const population = options.population ?? { people: [], organizations: [] };
  const taken = new Set(plan.veterans.map((v) => v.personId));
  const byCommunity = new Map<string, Person[]>();
  const pool = seededVolunteers(population, options.seed, scale, 'veterans');
  for (const person of pool) {
    if (taken.has(person.id) || person.regionCode.length !== 12) continue;
    const list = byCommunity.get(person.regionCode);
    if (list) list.push(person);
    else byCommunity.set(person.regionCode, [person]);
  }
  const regionName = new Map((population.regions ?? []).map((r) => [r.code, r.name]));
  const agencies = new Map<string, string[]>();
  for (const o of population.organizations) {
    if (o.kind !== 'SOCIAL_WORK_AGENCY' || !o.regionCode) continue;
    const district = o.regionCode.slice(0, 6);
    agencies.set(district, [...(agencies.get(district) ?? []), o.id]);
  }
  const handWritten = new Set(plan.teams.map((t) => t.regionCode));
  for (const [community, people] of [...byCommunity].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (handWritten.has(community)) continue; // a seed 003 team's community keeps its own
    const random = new SeededRandom(seedHash(options.seed ^ 0x7e7, community));
    planCommunity(
      plan,
      random,
      seedIds(options.seed ^ 0x7e7, community),
      community,
      everydayPlaceName(regionName.get(community) ?? community),
      people,
      agencies.get(community.slice(0, 6)) ?? [],
    );
  }
}

function planCommunity(plan: SeedPlan, random: SeededRandom, newId: () => string, community: string, place: string, people: Person[], agencies: string[]) {
  const point = { id: newId(), name: `${place}退役军人服务站`, kind: 'STATION' as const, regionCode: community, pilot: false };
  plan.servicePoints.push(point);
  const team: SeedTeam = {
    id: newId(),
    name: `${place}退役军人志愿服务队`,
    regionCode: community,
    leaderId: null,
    servicePointId: point.id,
    foundedOn: addDays(SCALED_CALENDAR.foundedFrom, random.int(0, SCALED_CALENDAR.foundedDays)),
  };
  plan.teams.push(team);
  const current: { veteranId: string; personId: string }[] = [];
  for (const person of people) {
    const { serviceYears, dischargeYear } = serviceRecord(random, +person.birthDate.slice(0, 4));
    const veteran = {
      id: newId(),
      personId: person.id,
      regionCode: community,
      serviceYears,
      dischargeYear,
      partyMember: random.chance(0.6),
      skills: random.sample(SKILLS, random.int(0, 3)),
    };
    plan.veterans.push(veteran);
    const joinedOn = addDays(team.foundedOn!, random.int(0, 120));
    // Some have moved on, a year or two after joining (before the activities planned here).
    const left = random.chance(0.08);
    plan.memberships.push({
      teamId: team.id,
      veteranId: veteran.id,
      joinedAt: localInstant(joinedOn, 9),
      leftAt: left ? localInstant(addDays(joinedOn, random.int(200, 700)), 17) : null,
    });
    if (left) continue;
    current.push({ veteranId: veteran.id, personId: person.id });
    if (!team.leaderId && veteran.partyMember) team.leaderId = veteran.id; // 兵支书
  }
  if (!current.length) return;
  // About one activity for every two members, 2 to 12 a year; the members who came, with their hours.
  const activities = Math.min(12, 2 + Math.ceil(current.length / 2));
  // On days of their own, so no member is at two of the team's activities at once.
  const days = random.sample([...Array(SCALED_CALENDAR.activityDays).keys()], activities);
  for (const day of days) {
    const kind = KINDS[random.below(KINDS.length)];
    const date = addDays(SCALED_CALENDAR.activitiesFrom, day);
    const startsAt = localInstant(date, kind === 'PATROL' ? random.int(19, 20) : random.int(8, 15));
    const hours = random.int(2, 4);
    const id = newId();
    plan.activities.push({
      id,
      teamId: team.id,
      regionCode: community,
      title: `${team.name}${ACTIVITY_TITLES[kind]}`,
      kind,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
      place: `${place}党群服务中心`,
      partnerOrganizationId: agencies.length && random.chance(0.4) ? random.pick(agencies) : null,
    });
    for (const { veteranId } of random.sample(current, random.int(Math.min(2, current.length), Math.min(8, current.length)))) {
      plan.attendance.push({ activityId: id, veteranId, hours: random.int(1, hours * 2) / 2 });
    }
  }
  if (current.length < 2 || !random.chance(PATROL_SHARE)) return;
  const [from, until] = SCALED_CALENDAR.patrol;
  const checkpoint = {
    id: newId(),
    name: `${place}治安巡逻岗`,
    regionCode: community,
    teamId: team.id,
    staffedFrom: `${from}:00`,
    staffedUntil: `${until}:00`,
  };
  plan.checkpoints.push(checkpoint);
  for (let day = 0; day < SCALED_CALENDAR.patrolDays; day++) {
    const date = addDays(SCALED_CALENDAR.patrolsFrom, day);
    const { veteranId, personId } = current[(day + random.below(current.length)) % current.length];
    const startsAt = localInstant(date, from);
    const endsAt = localInstant(date, until);
    // Checked in by QR code from a quarter-hour early to ten minutes late, and out around the end; a few did not come.
    if (random.chance(0.05)) {
      plan.shifts.push({ checkpointId: checkpoint.id, veteranId, startsAt, endsAt });
      continue;
    }
    const checkedInAt = new Date(startsAt.getTime() + random.int(-15, 10) * MINUTE);
    const checkedOutAt = new Date(endsAt.getTime() + random.int(-10, 20) * MINUTE);
    plan.shifts.push({ checkpointId: checkpoint.id, veteranId, startsAt, endsAt, checkedInAt, checkedOutAt, by: personId });
  }
}
