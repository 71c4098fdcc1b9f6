import { startTestGraph, TestGraph } from './harness';

const DISTRICT = '350105'; // 马尾区
const COMMUNITIES = ['350105001004', '350105001001'];
const FIGURES = `query ($code: ID!) { region(code: $code) {
  stationStats { stations openOrders suppressed }
  elderCare { elders suppressed } } }`;

/**
 * Disclosure control protects people, not what the graph lists publicly: a
 * district with two stations and two elders shows the public its two stations
 * (anyone can count them in `stations(regionCode:)`), while its two elders stay
 * withheld. (The seed-wide walk is tests/disclosure.e2e.test.ts.)
 */
describe('counts of public entities under disclosure control', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph();
    for (const [i, code] of COMMUNITIES.entries()) {
      await graph.db('neighbour-stations').query(
        `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude, address)
         VALUES ($1, 'VOLUNTEER_SERVICE', $2, 26.0, 119.4, '罗星街道')`,
        [`公开计数驿站${i}`, code],
      );
      await graph.db('elder-care').query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES (gen_random_uuid(), $1)`, [code]);
    }
  });
  afterAll(() => graph.stop());

  it("when the public asks for a district's figures, then its small station count is shown and its small elder count withheld", async () => {
    const { body } = await graph.query(FIGURES, { code: DISTRICT });
    expect(body.errors).toBeUndefined();
    expect(body.data.region.stationStats).toEqual({ stations: 2, openOrders: null, suppressed: ['openOrders'] });
    expect(body.data.region.elderCare).toEqual({ elders: null, suppressed: expect.arrayContaining(['elders']) });
    // and each community's: one station each, shown; one elder each, withheld
    for (const code of COMMUNITIES) {
      const community = (await graph.query(FIGURES, { code })).body.data.region;
      expect(community.stationStats.stations).toBe(1);
      expect(community.elderCare.elders).toBeNull();
    }
  });

  it('when the district officer asks, then every figure is exact', async () => {
    const { body } = await graph.query(FIGURES, { code: DISTRICT }, await graph.token(['DISTRICT_OFFICER'], DISTRICT));
    expect(body.data.region).toEqual({ stationStats: { stations: 2, openOrders: 0, suppressed: [] }, elderCare: { elders: 2, suppressed: [] } });
  });
});
