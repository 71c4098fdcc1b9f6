import { GENERATED_SIZES, planGeneratedDirectory } from './index';
import { readRegions } from './regions';

describe('the directory at the generated sizes (city, province)', () => {
  const regions = readRegions();
  const plan = planGeneratedDirectory(5, { old: 3_000, working: 2_000 }, regions);

  it('when planned twice from one seed, then the people are the same, and another seed gives others', () => {
    expect(planGeneratedDirectory(5, { old: 3_000, working: 2_000 }, regions)).toEqual(plan);
    expect(planGeneratedDirectory(6, { old: 3_000, working: 2_000 }, regions).people[0]).not.toEqual(plan.people[0]);
  });

  it('when planned, then the old (born by 1960, whom elder care enrols) and the working-age come in the numbers asked for, across the province', () => {
    const born = (p: { birthDate: string }) => +p.birthDate.slice(0, 4);
    expect(plan.people.length).toBeGreaterThan(4_990);
    expect(plan.people.filter((p) => born(p) <= 1960).length).toBeGreaterThan(2_990);
    expect(plan.people.filter((p) => born(p) > 1960 && born(p) <= 2008).length).toBeGreaterThan(1_990);
    // Drawn from every community of the province: 5,000 people reach nearly all 84 districts (a province's millions, all).
    expect(new Set(plan.people.map((p) => p.regionCode.slice(0, 6))).size).toBeGreaterThan(80);
    // Every district has its organisations, and the province size holds enough working-age people for 200k volunteers.
    expect(new Set(plan.organizations.map((o) => o.regionCode.slice(0, 6))).size).toBeGreaterThanOrEqual(84);
    expect(GENERATED_SIZES.province.working).toBeGreaterThan(200_000 * 4);
  });
});
