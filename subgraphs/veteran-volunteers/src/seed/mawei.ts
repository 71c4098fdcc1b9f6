import { addDays, localInstant, SeededRandom } from '@civic/shared';
import type { SeedPlan, SeedTeam } from './types';

/** Seed 003: 5 checkpoints on main roads and key compounds, 30+ veterans, 40+ days of rotating shifts (2020). */
const CHECKPOINTS: [string, string][] = [
  ['闽江村主干道测温点', '350105102227'],
  ['闽江村渡口测温点', '350105102227'],
  ['琅岐镇环岛路测温点', '350105102001'],
  ['新港社区重点小区测温点', '350105001004'],
  ['罗星街道主干道测温点', '350105001004'],
];
const FIRST_DAY = '2020-01-27';
const DAYS = 42;
/** Three shifts a day from 07:00 to 22:00; a few evenings were left unstaffed, which coverage reports as gaps. */
const SLOTS: [number, number][] = [
  [7, 12],
  [12, 17],
  [17, 22],
];

export function planShifts(plan: SeedPlan, random: SeededRandom, teams: SeedTeam[], membersOf: Map<string, string[]>): void {
  const pool = teams.flatMap((t) => membersOf.get(t.id) ?? []).slice(0, 34);
  if (pool.length < CHECKPOINTS.length * SLOTS.length) return; // too few people to staff a day without overlaps
  const checkpoints = CHECKPOINTS.map(([name, regionCode], i) => ({
    id: random.uuid(),
    name,
    regionCode,
    teamId: teams[i < 3 ? 0 : 1].id,
    staffedFrom: '07:00',
    staffedUntil: '22:00',
  }));
  plan.checkpoints.push(...checkpoints);
  for (let day = 0; day < DAYS; day++) {
    const date = addDays(FIRST_DAY, day);
    checkpoints.forEach((checkpoint, c) => {
      SLOTS.forEach(([from, to], s) => {
        if (s === 2 && random.chance(0.04)) return;
        // 15 consecutive pool indices per day are 15 different veterans: nobody is on two shifts at once.
        const veteranId = pool[(day * 15 + c * SLOTS.length + s) % pool.length];
        plan.shifts.push({ checkpointId: checkpoint.id, veteranId, startsAt: localInstant(date, from), endsAt: localInstant(date, to) });
      });
    });
  }
}

const GROUPS = ['PARTY_GOVERNMENT_MILITARY', 'VETERANS', 'STUDENTS_TEACHERS', 'OVERSEAS_CHINESE', 'PUBLIC'];
const LECTURES = ['老兵讲党史', '红色故事会', '国防教育进校园', '退役军人政策宣讲', '圆桌故事会'];

/** The province's first village honour hall, 东岐村, opened July 2020: 40+ lectures, 2000+ visits. */
export function planHonourHall(plan: SeedPlan, random: SeededRandom): void {
  const hall = { id: random.uuid(), name: '东岐村退役军人荣誉馆', regionCode: '350105101210', openedOn: '2020-07-01' };
  plan.halls.push(hall);
  const visit = (kind: string, title: string | null, visitors: number) =>
    plan.visits.push({
      hallId: hall.id,
      regionCode: hall.regionCode,
      visitedOn: addDays(hall.openedOn, random.int(0, 400)),
      kind,
      visitorGroup: random.pick(GROUPS),
      title,
      visitors,
    });
  visit('CEREMONY', '荣誉馆开馆仪式', 120);
  for (let n = 0; n < 44; n++) visit('LECTURE', random.pick(LECTURES), random.int(25, 45));
  for (let n = 0; n < 4; n++) visit('EXHIBITION', '老兵故事主题展', random.int(40, 80));
  for (let n = 0; n < 60; n++) visit('GROUP_VISIT', null, random.int(6, 20));
}
