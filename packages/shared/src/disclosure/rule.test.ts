import { parentRegionCode } from '../region';
import { DISCLOSURE_THRESHOLD, regionsToWeigh, withheldRegions } from './rule';

/**
 * The rest of the province: a smaller district beside 鼓楼区 and two smaller
 * cities, each withheld as its family's smallest, so that the district and its
 * city under test are not.
 */
const ELSEWHERE = { '350103001001': 6, '350200001001': 6, '350300001001': 7 };

/** Figures that cover everything below them, from counts on communities (and ELSEWHERE's). */
function rollUp(communities: Record<string, number>): Map<string, number> {
  const figures = new Map<string, number>();
  for (const [code, count] of Object.entries({ ...ELSEWHERE, ...communities })) {
    for (let at: string | null = code; at !== null; at = parentRegionCode(at)) figures.set(at, (figures.get(at) ?? 0) + count);
  }
  return figures;
}

/**
 * What a public caller sees of every region the directory lists: its figure, or
 * null when withheld. The rule is given only the regions with rows, as a subgraph
 * knows them: a region at 0 is listed but unknown to it.
 */
function publish(figures: Map<string, number>): Map<string, number | null> {
  const withRows = new Map([...figures].filter(([, value]) => value > 0));
  const withheld = withheldRegions(withRows, figures.keys());
  return new Map([...figures].map(([code, value]) => [code, withheld.has(code) ? null : value]));
}

/** The one subtraction the API's shapes offer: a parent's figure less its visible children's. */
function subtractBack(published: Map<string, number | null>): { parent: string; withheld: string[]; sum: number }[] {
  const families = new Map<string, string[]>();
  for (const code of published.keys()) {
    const parent = parentRegionCode(code);
    if (parent) families.set(parent, [...(families.get(parent) ?? []), code]);
  }
  const found = [];
  for (const [parent, members] of families) {
    const total = published.get(parent);
    if (total === null || total === undefined) continue;
    const withheld = members.filter((code) => published.get(code) === null);
    if (withheld.length === 0) continue;
    const visible = members.reduce((sum, code) => sum + (published.get(code) ?? 0), 0);
    found.push({ parent, withheld, sum: total - visible });
  }
  return found;
}

// 福州 (3501) > 鼓楼区 (350102) > 两条街道 > 社区
const street1 = '350102001';
const street2 = '350102002';
const street3 = '350102003';

describe('withheldRegions (statistical disclosure control)', () => {
  it('when a community has 2 elders and its siblings 10 and 12, then it and the next smallest are withheld, so its street total less the visible one gives 12, not 2', () => {
    const figures = rollUp({
      [`${street1}001`]: 2,
      [`${street1}002`]: 10,
      [`${street1}003`]: 12,
      [`${street2}001`]: 40,
      [`${street2}002`]: 41,
      [`${street3}001`]: 6,
    });
    const published = publish(figures);
    expect(published.get(`${street1}001`)).toBeNull();
    expect(published.get(`${street1}002`)).toBeNull();
    expect(published.get(`${street1}003`)).toBe(12);
    expect(published.get(street2)).toBe(81);
    const attempt = subtractBack(published).find((found) => found.parent === street1)!;
    expect(attempt.withheld).toEqual([`${street1}001`, `${street1}002`]);
    expect(attempt.sum).toBe(12);
  });

  it('when a street has 3 and the district shows its total, then a second street is withheld too, so the district less the visible streets is not the 3', () => {
    const figures = rollUp({ [`${street1}001`]: 3, [`${street2}001`]: 20, [`${street3}001`]: 30 });
    const published = publish(figures);
    expect(published.get(street1)).toBeNull();
    expect(published.get(street2)).toBeNull();
    expect(published.get('350102')).toBe(53);
    expect(subtractBack(published).find((found) => found.parent === '350102')!.sum).toBe(23);
  });

  it('when a street has no rows (0, unknown to the subgraph but listed), then the smallest street with rows is withheld beside it, so the district less the visible streets is not 0', () => {
    const figures = rollUp({ [`${street1}001`]: 0, [`${street2}001`]: 20, [`${street3}001`]: 30 });
    const published = publish(figures);
    expect(published.get(street1)).toBeNull();
    expect(published.get(street2)).toBeNull();
    expect(subtractBack(published).find((found) => found.parent === '350102')!.sum).toBe(20);
  });

  it('when a street is withheld only to protect its sibling, then one of its communities is withheld too, or they would add up to it', () => {
    const figures = rollUp({ [`${street1}001`]: 3, [`${street2}001`]: 10, [`${street2}002`]: 11, [`${street3}001`]: 30 });
    const published = publish(figures);
    expect(published.get(street2)).toBeNull();
    expect(published.get(`${street2}001`)).toBeNull();
    expect(published.get(`${street2}002`)).toBe(11);
    expect(published.get(street3)).toBe(30);
  });

  it('when a district has fewer than 5 in all, then the district itself is withheld, since it would bound every community in it', () => {
    const figures = rollUp({ [`${street1}001`]: 1, [`${street2}001`]: 2, '350103001001': 50, '350104001001': 60 });
    const published = publish(figures);
    expect(published.get('350102')).toBeNull();
    expect(published.get(street1)).toBeNull();
    expect(published.get('350103')).toBeNull();
    expect(published.get('350104')).toBe(60);
    expect(published.get('3501')).toBe(113);
  });

  it('when a region has no rows at all, then it counts 0 and is withheld', () => {
    const figures = rollUp({ [`${street1}001`]: 50, [`${street1}002`]: 6 });
    expect(withheldRegions(figures, [`${street1}009`, `${street1}002`, `${street1}001`])).toEqual(new Set([`${street1}009`, `${street1}002`]));
  });

  it('on random districts, no figure under 5 is shown and no subtraction gives a sum under 5 (so never a figure under 5)', () => {
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round += 1) {
      const communities: Record<string, number> = {};
      for (let street = 1; street <= 1 + Math.floor(random() * 4); street += 1) {
        for (let community = 1; community <= 1 + Math.floor(random() * 5); community += 1) {
          communities[`350102${String(street).padStart(3, '0')}${String(community).padStart(3, '0')}`] = Math.floor(random() * (random() < 0.5 ? 6 : 30));
        }
      }
      const published = publish(rollUp(communities));
      for (const value of published.values()) if (value !== null) expect(value).toBeGreaterThanOrEqual(DISCLOSURE_THRESHOLD);
      for (const attempt of subtractBack(published)) {
        expect(attempt.sum).toBeGreaterThanOrEqual(DISCLOSURE_THRESHOLD);
      }
      // a withheld region with children always keeps one withheld, so its children never add up to it
      for (const [code, value] of published) {
        const children = [...published.keys()].filter((child) => parentRegionCode(child) === code);
        if (value === null && children.length > 0) expect(children.some((child) => published.get(child) === null)).toBe(true);
      }
    }
  });
});

describe('regionsToWeigh', () => {
  it('takes the province and the family of every asked region and of each of its ancestors', () => {
    const inUse = [`${street1}001`, `${street1}002`, `${street2}001`, '350103001001', '350200001001'];
    expect(new Set(regionsToWeigh(inUse, [`${street1}001`]))).toEqual(
      new Set(['35', '3501', '3502', '350102', '350103', street1, street2, `${street1}001`, `${street1}002`]),
    );
  });
});
