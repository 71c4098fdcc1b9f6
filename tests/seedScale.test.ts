import { SEED_SCALE, type SeedPopulation, type SeedScale, type SeedSize } from '@civic/shared';
import { miniatureDirectory } from '@civic/shared/src/testing';
import { planVeteranSeed } from '@civic/veteran-volunteers/src/seed/plan';
import { planStationsSeed } from '@civic/neighbour-stations/src/seed/plan';
import { planScaledStations } from '@civic/neighbour-stations/src/seed/scale';
import { planAssessmentsSeed, type Forms } from '@civic/assessments/src/seed/plan';

const TODAY = '2026-11-23';
/** A small scale: what a city is to the province, in a directory of a thousand people. */
const SMALL: SeedScale = { veterans: 120, stationVolunteers: 40, stationShare: 0.5 };

function stationsOf(seed: number, scale: SeedScale, population: SeedPopulation) {
  const demo = planStationsSeed(seed, population, TODAY);
  return [...planScaledStations(seed, scale, population, TODAY, demo)];
}

/** The assessment forms, reduced to what planning reads (ids, item maxima, grades). */
const form = (code: string, items: number): Forms[keyof Forms] => ({
  template: { id: `${code}-id`, code, certificationThreshold: 85, grades: [], bonusRules: [] } as never,
  items: Array.from({ length: items }, (_, i) => ({ id: `${code}-${i}`, name: `item ${i}`, maxScore: 100 / items }) as never),
});
const FORMS: Forms = { station: form('S', 8), jincuobian: form('J', 18), organization: form('O', 10), veteranTeam: form('V', 6) };

describe('the seeds at scale', () => {
  const population = miniatureDirectory(11);

  it('when planned twice from one seed, then the veterans, stations, rota and orders are the same; another seed plans others', () => {
    expect(planVeteranSeed({ seed: 5, size: 'city', population }, SMALL)).toEqual(planVeteranSeed({ seed: 5, size: 'city', population }, SMALL));
    const stations = stationsOf(5, SMALL, population);
    expect(stationsOf(5, SMALL, population)).toEqual(stations);
    expect(stations.flatMap((c) => c.slots).length).toBeGreaterThan(0);
    const other = planVeteranSeed({ seed: 6, size: 'city', population }, SMALL);
    expect(other.veterans.map((v) => v.personId)).not.toEqual(planVeteranSeed({ seed: 5, size: 'city', population }, SMALL).veterans.map((v) => v.personId));
  });

  it('when the size grows from demo to city to province, then veterans, teams, activities, stations, orders and assessments grow with it', () => {
    // Each size's scale a hundredth as many volunteers (a directory of a hundredth of the people), its share of communities as it is.
    const many = miniatureDirectory(12, 200, 18);
    const counts = (size: SeedSize) => {
      const scale = { ...SEED_SCALE[size], veterans: SEED_SCALE[size].veterans / 100, stationVolunteers: SEED_SCALE[size].stationVolunteers / 100 };
      const veterans = planVeteranSeed({ seed: 5, size, population: many }, scale);
      const chunks = stationsOf(5, scale, many);
      const stations = chunks.flatMap((c) => c.stations);
      const assessments = planAssessmentsSeed(5, { ...many, stations, veteranTeams: veterans.teams }, FORMS, TODAY).assessments;
      return {
        veterans: veterans.veterans.length,
        teams: veterans.teams.length,
        attendance: veterans.attendance.length,
        stations: stations.length,
        orders: chunks.flatMap((c) => c.orders).length,
        assessments: assessments.length,
      };
    };
    const [demo, city, province] = (['demo', 'city', 'province'] as const).map(counts);
    for (const key of Object.keys(demo) as (keyof typeof demo)[]) {
      expect([key, demo[key] < city[key] && city[key] < province[key]]).toEqual([key, true]);
    }
  });

  it('when veterans and stations are planned from one directory, then no one is both a veteran on a patrol and a station duty person, and no one serves two shifts at once', () => {
    const veterans = planVeteranSeed({ seed: 5, size: 'city', population }, SMALL);
    const personOf = new Map(veterans.veterans.map((v) => [v.id, v.personId]));
    // (seed 003's hand-written veterans are anyone of their district's age, as before)
    const handWritten = new Set(planVeteranSeed({ seed: 5, size: 'demo', population }).veterans.map((v) => v.personId));
    const shiftPeople = new Set(veterans.shifts.map((s) => personOf.get(s.veteranId)!).filter((p) => !handWritten.has(p)));
    const dutyPeople = new Set(stationsOf(5, SMALL, population).flatMap((c) => c.slots.map((s) => s.onDuty).filter(Boolean)));
    expect(shiftPeople.size).toBeGreaterThan(0);
    expect(dutyPeople.size).toBeGreaterThan(0);
    expect([...shiftPeople].filter((p) => dutyPeople.has(p!))).toEqual([]);
    // Every served interval of a person (patrols, activities and station duty), in order, ends before the next begins.
    const activityOf = new Map(veterans.activities.map((a) => [a.id, a]));
    const intervals = new Map<string, [number, number][]>();
    const add = (personId: string, from: Date, to: Date) => intervals.set(personId, [...(intervals.get(personId) ?? []), [from.getTime(), to.getTime()]]);
    for (const s of veterans.shifts) add(personOf.get(s.veteranId)!, s.startsAt, s.endsAt);
    for (const a of veterans.attendance) add(personOf.get(a.veteranId)!, activityOf.get(a.activityId)!.startsAt, activityOf.get(a.activityId)!.endsAt);
    // and the stations' duty, named stations' and generated ones', from check-in (or the start) to check-out (or the end)
    const demoStations = planStationsSeed(5, population, TODAY);
    for (const slot of [...demoStations.slots, ...stationsOf(5, SMALL, population).flatMap((c) => c.slots)]) {
      if (slot.onDuty) add(slot.onDuty, slot.checkedInAt ?? slot.startsAt, slot.checkedOutAt ?? slot.endsAt);
    }
    const overlapping = [...intervals].filter(
      ([personId, spans]) => !handWritten.has(personId) && spans.sort((x, y) => x[0] - y[0]).some((span, i) => i > 0 && spans[i - 1][1] > span[0]),
    );
    expect(overlapping).toEqual([]);
  });
});
