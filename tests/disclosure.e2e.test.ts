import { parentRegionCode } from '@civic/shared';
import { startTestGraph, TestGraph } from './harness';

/**
 * Statistical disclosure control through the gateway, on the seed data: an
 * attacker walks every street and community of a district with every count the
 * graph publishes, and tries the subtractions its shapes offer (a street less its
 * visible communities, the district less its visible streets).
 */
/** The monthly series of counts (hours are not counts, so not withheld). */
const SERIES = ['requestsPlacedByMonth', 'requestsCompletedByMonth', 'veteranActivitiesByMonth', 'stationOrdersByMonth', 'assessmentsByMonth'];
const FIGURES = `
  code level
  elderCare { elders openRequests completedServices suppressed
    eldersByCondition { condition elders suppressed } requestsByCategory { category requests completed suppressed } }
  veterans { veterans teams activities partyMembers stories shifts honourHallVisitors suppressed }
  stationStats { stations openOrders suppressed certified certifiedSuppressed }
  assessmentSummary { assessments finalAssessments suppressed }
  elderCanteens { canteens diners mealsServed suppressed }
  ${SERIES.map((field) => `${field} { month value suppressed }`).join('\n  ')}`;
const FAMILY = `query ($code: ID!) { region(code: $code) { selfAndChildren { ${FIGURES} } } }`;

const DISTRICT = '350105'; // 马尾区: the seed's 金厝边 pilot district
const OTHER_DISTRICT = '350102';

type Cells = Map<string, number | null>; // "code|cell" → count

/**
 * Counts of entities the graph lists publicly (stations, plaques, canteens, veteran
 * teams, activities and stories, disclosure/figures.ts `publicEntities`): shown to
 * everyone exact. Every other count is of people or of what they did, and protected.
 */
const PUBLIC_CELLS = ['stationStats.stations', 'stationStats.certified', 'elderCanteens.canteens', 'veterans.teams', 'veterans.activities', 'veterans.stories'];
const isPublic = (key: string) => {
  const cell = key.split('|')[1];
  return PUBLIC_CELLS.includes(cell) || cell.startsWith('veteranActivitiesByMonth.');
};
const ofPeople = (cells: Cells): Cells => new Map([...cells].filter(([key]) => !isPublic(key)));
const ofPublicEntities = (cells: Cells): Cells => new Map([...cells].filter(([key]) => isPublic(key)));

/** Every count of one region's answer, named as `field.count` (lists by their item), and whether `suppressed` names it. */
function cellsOf(region: any, into: Cells, marked: Set<string>) {
  const add = (name: string, value: unknown, suppressed: string[], field: string) => {
    into.set(`${region.code}|${name}`, value as number | null);
    if (suppressed.includes(field)) marked.add(`${region.code}|${name}`);
  };
  for (const [stats, fields] of [
    ['elderCare', ['elders', 'openRequests', 'completedServices']],
    ['veterans', ['veterans', 'teams', 'activities', 'partyMembers', 'stories', 'shifts', 'honourHallVisitors']],
    ['stationStats', ['stations', 'openOrders']],
    ['assessmentSummary', ['assessments', 'finalAssessments']],
    ['elderCanteens', ['canteens', 'diners', 'mealsServed']],
  ] as const) {
    for (const field of fields) add(`${stats}.${field}`, region[stats][field], region[stats].suppressed, field);
  }
  add('stationStats.certified', region.stationStats.certified, region.stationStats.certifiedSuppressed ? ['certified'] : [], 'certified');
  for (const field of SERIES) {
    for (const month of region[field]) add(`${field}.${month.month}`, month.value, month.suppressed ? ['value'] : [], 'value');
  }
  for (const item of region.elderCare.eldersByCondition) add(`eldersByCondition.${item.condition}`, item.elders, item.suppressed, 'elders');
  for (const item of region.elderCare.requestsByCategory) {
    add(`requestsByCategory.${item.category}.requests`, item.requests, item.suppressed, 'requests');
    add(`requestsByCategory.${item.category}.completed`, item.completed, item.suppressed, 'completed');
  }
}

describe('statistical disclosure control through the gateway', () => {
  let graph: TestGraph;

  /** Every count of the district, its streets and their communities, as this caller sees them. */
  async function walk(token?: string): Promise<{ cells: Cells; marked: Set<string>; regions: string[] }> {
    const cells: Cells = new Map();
    const marked = new Set<string>();
    const regions: string[] = [];
    const family = async (code: string) => {
      const { body } = await graph.query(FAMILY, { code }, token);
      expect(body.errors).toBeUndefined();
      return body.data.region.selfAndChildren as any[];
    };
    const [district, ...streets] = await family(DISTRICT);
    cellsOf(district, cells, marked);
    regions.push(district.code);
    for (const street of streets) {
      const [self, ...communities] = await family(street.code);
      for (const region of [self, ...communities]) {
        cellsOf(region, cells, marked);
        regions.push(region.code);
      }
    }
    return { cells, marked, regions };
  }

  // Every walk up front, one after the other: the tests below only weigh what each caller saw.
  type Seen = Awaited<ReturnType<typeof walk>>;
  let exact: Seen;
  const seen: Record<'anonymous' | 'analyst' | 'ownOfficer' | 'otherOfficer', Seen> = {} as never;
  beforeAll(async () => {
    graph = await startTestGraph({ seed: { seed: 20261123, size: 'demo' }, subgraphTimeoutMs: 30_000 });
    exact = await walk(await graph.token(['CITY_ADMIN'], '3501'));
    seen.anonymous = await walk();
    seen.analyst = await walk(await graph.token(['ANALYST'], '3501'));
    seen.ownOfficer = await walk(await graph.token(['DISTRICT_OFFICER'], DISTRICT));
    seen.otherOfficer = await walk(await graph.token(['DISTRICT_OFFICER'], OTHER_DISTRICT));
    // a station manager of a community with small counts asks for its street and the street's communities
    managed = small(exact.cells)
      .map((key) => key.split('|')[0])
      .find((code) => code.length === 12)!;
    const { body } = await graph.query(FAMILY, { code: parentRegionCode(managed)! }, await graph.token(['STATION_MANAGER'], managed));
    expect(body.errors).toBeUndefined();
    managerSaw = body.data.region.selfAndChildren;
  });
  let managed: string;
  let managerSaw: any[];
  afterAll(() => graph?.stop());

  const small = (cells: Cells) => [...cells].filter(([, value]) => value !== null && value < 5).map(([key]) => key);

  it('when a city administrator walks the district, then the seed has small community counts to protect, and small counts of public entities to show (so the tests below can fail)', () => {
    const community = small(ofPeople(exact.cells)).filter((key) => key.split('|')[0].length === 12 && exact.cells.get(key)! > 0);
    expect(community.length).toBeGreaterThan(0);
    expect(small(ofPublicEntities(exact.cells)).filter((key) => exact.cells.get(key)! > 0).length).toBeGreaterThan(0);
    expect(exact.marked.size).toBe(0);
  });

  /** What a caller who should not see exact figures must not learn: people's counts; the public entities' are shown exact. */
  function expectProtected(all: Awaited<ReturnType<typeof walk>>) {
    expect(ofPublicEntities(all.cells)).toEqual(ofPublicEntities(exact.cells));
    expect([...all.marked].filter(isPublic)).toEqual([]);
    const seen = { ...all, cells: ofPeople(all.cells) };
    // no count under 5 is shown, and every withheld one is null and named in `suppressed`
    expect(small(seen.cells)).toEqual([]);
    for (const [key, value] of seen.cells) expect(value === null).toBe(seen.marked.has(key));
    // each small count the city administrator sees is withheld
    for (const key of small(ofPeople(exact.cells))) expect(seen.cells.get(key)).toBeNull();
    // the attacker's subtraction: a visible parent less its visible children never gives a figure under 5
    const cellNames = new Set([...seen.cells.keys()].map((key) => key.split('|')[1]));
    let attempts = 0;
    for (const cell of cellNames) {
      for (const parent of seen.regions) {
        const total = seen.cells.get(`${parent}|${cell}`);
        const children = seen.regions.filter((code) => parentRegionCode(code) === parent);
        const withheld = children.filter((code) => seen.cells.get(`${code}|${cell}`) === null);
        if (total === null || total === undefined || withheld.length === 0) continue;
        const visible = children.reduce((sum, code) => sum + (seen.cells.get(`${code}|${cell}`) ?? 0), 0);
        attempts += 1;
        expect({ parent, cell, left: total - visible >= 5 }).toEqual({ parent, cell, left: true });
      }
    }
    expect(attempts).toBeGreaterThan(0);
  }

  it.each([
    ['an anonymous caller', 'anonymous'],
    ['an ANALYST', 'analyst'],
  ] as const)('when %s walks every street and community of the district, then no count under 5 is shown nor can be subtracted back', (_who, caller) => {
    expectProtected(seen[caller]);
  });

  it("when the district's officer walks it, then every figure is exact; an officer of another district sees what the public sees", () => {
    expect(seen.ownOfficer.cells).toEqual(exact.cells);
    expect(seen.ownOfficer.marked.size).toBe(0);
    expectProtected(seen.otherOfficer);
    expect(seen.otherOfficer.cells).toEqual(seen.anonymous.cells);
  });

  it("when a station manager of one community asks, then that community's figures are exact and its siblings' are not", () => {
    const seen: Cells = new Map();
    const marked = new Set<string>();
    for (const region of managerSaw) cellsOf(region, seen, marked);
    for (const [key, value] of seen) {
      if (key.startsWith(`${managed}|`) || isPublic(key)) expect(value).toBe(exact.cells.get(key));
      else if ((exact.cells.get(key) ?? 0) < 5) expect(value).toBeNull();
    }
  });
});
