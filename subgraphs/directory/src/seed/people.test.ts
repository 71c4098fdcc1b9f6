import { birthDateFromIdNumber, isValidIdNumber } from '../domain/idNumber';
import { isValidMobile } from '../domain/phone';
import { generatePeople, type SeedPerson } from './people';
import { FUJIAN_SURNAMES, givenNamesOf, surnameOf } from './names';

// Real Fujian community codes (马尾区 and 洛江区); the generator only cares about shape.
const COMMUNITIES = ['350105001001', '350105100201', '350105102210', '350504001002', '350504100203'];
const TODAY = '2026-11-23';

/** Completed years between a birth date and today, as ages are counted. */
function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

describe('generatePeople', () => {
  const people = generatePeople({ seed: 7, count: 2000, communityCodes: COMMUNITIES, today: TODAY });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generatePeople({ seed: 7, count: 2000, communityCodes: COMMUNITIES, today: TODAY })).toEqual(people);
    expect(generatePeople({ seed: 8, count: 2000, communityCodes: COMMUNITIES, today: TODAY })).not.toEqual(people);
  });

  it('is unaffected by other generator calls in between', () => {
    const first = generatePeople({ seed: 3, count: 50, communityCodes: COMMUNITIES, today: TODAY });
    generatePeople({ seed: 99, count: 50, communityCodes: COMMUNITIES, today: TODAY });
    expect(generatePeople({ seed: 3, count: 50, communityCodes: COMMUNITIES, today: TODAY })).toEqual(first);
  });

  it('gives every person a valid ID number that agrees with their other fields', () => {
    for (const p of people) {
      expect(isValidIdNumber(p.idNumber)).toBe(true);
      expect(birthDateFromIdNumber(p.idNumber)).toBe(p.birthDate);
      expect(p.idNumber.slice(0, 6)).toBe(p.regionCode.slice(0, 6));
      expect(Number(p.idNumber[16]) % 2 === 1).toBe(p.gender === 'MALE');
    }
  });

  it('uses only the given communities, valid mobiles and unique identifiers', () => {
    for (const p of people) {
      expect(COMMUNITIES).toContain(p.regionCode);
      expect(isValidMobile(p.phone)).toBe(true);
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const unique = (key: keyof SeedPerson) => new Set(people.map((p) => p[key])).size;
    expect(unique('id')).toBe(people.length);
    expect(unique('idNumber')).toBe(people.length);
    expect(unique('phone')).toBe(people.length);
  });

  it('writes names as 2-4 Chinese characters, surname first, no spaces', () => {
    for (const p of people) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });

  it("when surnames are counted, then they follow Fujian's table: 陈 and 林 commonest, the top ten ≥ 45%, none outside it", () => {
    const table = new Set(FUJIAN_SURNAMES.map(([surname]) => surname));
    expect(people.map((p) => surnameOf(p.name)).filter((s) => !table.has(s))).toEqual([]);
    const counts = new Map<string, number>();
    for (const p of people) counts.set(surnameOf(p.name), (counts.get(surnameOf(p.name)) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(
      ranked
        .slice(0, 2)
        .map(([s]) => s)
        .sort(),
    ).toEqual(['林', '陈']);
    const topTen = ranked.slice(0, 10).reduce((sum, [, n]) => sum + n, 0);
    expect(topTen / people.length).toBeGreaterThanOrEqual(0.45);
  });

  it("when given names are read, then each is one of its generation's and gender's common names", () => {
    const odd = people.filter((p) => !givenNamesOf(p.gender, +p.birthDate.slice(0, 4)).includes(p.name.slice(1)));
    expect(odd.map((p) => `${p.name} ${p.gender} ${p.birthDate}`)).toEqual([]);
  });

  it('keeps ages within the default 18..95 and uses both genders', () => {
    for (const p of people) {
      const age = ageOn(p.birthDate, TODAY);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(95);
    }
    const males = people.filter((p) => p.gender === 'MALE').length;
    expect(males).toBeGreaterThan(people.length * 0.4);
    expect(males).toBeLessThan(people.length * 0.6);
  });

  it('honours custom age bounds', () => {
    const seniors = generatePeople({ seed: 1, count: 500, communityCodes: COMMUNITIES, minAge: 60, maxAge: 80, today: TODAY });
    for (const p of seniors) {
      expect(ageOn(p.birthDate, TODAY)).toBeGreaterThanOrEqual(60);
      expect(ageOn(p.birthDate, TODAY)).toBeLessThanOrEqual(80);
    }
  });

  it('rejects codes that are not 12-digit communities', () => {
    expect(() => generatePeople({ seed: 1, count: 1, communityCodes: ['350105001'] })).toThrow();
    expect(() => generatePeople({ seed: 1, count: 1, communityCodes: [] })).toThrow();
    expect(generatePeople({ seed: 1, count: 0, communityCodes: [] })).toEqual([]);
  });

  it('when a city-sized population is drawn, then ID numbers and phones stay unique', () => {
    // Timing belongs to `npm run bench`; here only what must hold at that scale.
    const people = generatePeople({ seed: 1, count: 100_000, communityCodes: COMMUNITIES, today: TODAY });
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(100_000);
    expect(new Set(people.map((p) => p.phone)).size).toBe(100_000);
  });
});
