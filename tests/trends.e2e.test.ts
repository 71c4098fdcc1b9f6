import { readOperations } from '@civic/gateway/src/web/operations';
import { nonZeroMonths, trendClock, TWELVE_MONTHS } from '@civic/shared/src/testing';
import { startTestGraph, TestGraph } from './harness';

/**
 * The dashboard's trends through the gateway (RegionTrends, schema/operations/):
 * the graph's clock reaches every subgraph (startTestGraph's `clock`), so the six
 * series end in the same month; rows are arranged in each domain's own tables.
 */
const TRENDS = readOperations().find((op) => op.name === 'RegionTrends')!;
const FIELDS = ['requestsPlacedByMonth', 'requestsCompletedByMonth', 'hoursByMonth', 'veteranActivitiesByMonth', 'stationOrdersByMonth', 'assessmentsByMonth'];

describe('Region trends through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ clock: trendClock });
    // One row a domain in 罗星街道, each in its own month in China time (00:30 on the 1st: still the month before in UTC).
    const [elder] = await graph
      .db('elder-care')
      .query(`INSERT INTO elder_care.elder (person_id, region_code) VALUES (gen_random_uuid(), '350105001004') RETURNING id`);
    await graph.db('elder-care').query(
      `INSERT INTO elder_care.service_request (elder_id, region_code, category, mode, status, created_at)
       VALUES ($1, '350105001004', 'VISIT', 'VOLUNTEER_CLAIM', 'OPEN', '2026-03-01T00:30:00+08:00')`,
      [elder.id],
    );
    const [team] = await graph
      .db('veteran-volunteers')
      .query(`INSERT INTO veteran_volunteers.veteran_team (name, region_code) VALUES ('罗星红色义工队', '350105001004') RETURNING id`);
    await graph.db('veteran-volunteers').query(
      `INSERT INTO veteran_volunteers.activity (team_id, region_code, title, kind, starts_at, ends_at)
       VALUES ($1, '350105001004', '义诊', 'HEALTH_CLINIC', '2026-04-01T00:30:00+08:00', '2026-04-01T02:30:00+08:00')`,
      [team.id],
    );
    const [station] = await graph
      .db('neighbour-stations')
      .query(
        `INSERT INTO neighbour_stations.station (name, kind, region_code, latitude, longitude) VALUES ('罗星驿站', 'VOLUNTEER_SERVICE', '350105001004', 26.0, 119.4) RETURNING id`,
      );
    await graph
      .db('neighbour-stations')
      .query(
        `INSERT INTO neighbour_stations.station_order (station_id, region_code, help, created_at) VALUES ($1, '350105001004', 'ELDERLY', '2026-05-01T00:30:00+08:00')`,
        [station.id],
      );
  });
  afterAll(() => graph?.stop());

  it("when the dashboard asks RegionTrends for a district, then all six series end at the graph clock's month, each row in its China-time month", async () => {
    // the series as they are, small months and all: the test is about what they count (disclosure: tests/disclosure.e2e.test.ts)
    const { body } = await graph.query(TRENDS.query, { code: '350105' }, await graph.token(['CITY_ADMIN'], '35'));
    expect(body.errors).toBeUndefined();
    const { region } = body.data;
    expect(region).toMatchObject({ code: '350105', name: '马尾区', level: 'DISTRICT' });
    for (const field of FIELDS) {
      expect(region[field].map((m: { month: string }) => m.month)).toEqual(TWELVE_MONTHS);
      expect(region[field].every((m: { suppressed: boolean }) => m.suppressed === false)).toBe(true);
    }
    expect(nonZeroMonths(region.requestsPlacedByMonth)).toEqual({ '2026-03': 1 });
    expect(nonZeroMonths(region.veteranActivitiesByMonth)).toEqual({ '2026-04': 1 });
    expect(nonZeroMonths(region.stationOrdersByMonth)).toEqual({ '2026-05': 1 });
    expect(nonZeroMonths(region.assessmentsByMonth)).toEqual({});
    // Another district sees none of them.
    const other = await graph.query(TRENDS.query, { code: '350102' }, await graph.token(['CITY_ADMIN'], '35'));
    expect(FIELDS.flatMap((field) => other.body.data.region[field]).every((m: { value: number }) => m.value === 0)).toBe(true);
  });

  it('when months is outside 1 to 24, then the caller gets BAD_USER_INPUT naming months, and the region the rest', async () => {
    const { body } = await graph.query(
      `{ region(code: "350105") { code hoursByMonth(months: 36) { month } stationOrdersByMonth(months: 2) { month value } } }`,
      {},
      await graph.token(['CITY_ADMIN'], '35'),
    );
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'months' });
    expect(body.errors[0].path).toEqual(['region', 'hoursByMonth']);
    expect(body.data.region).toEqual({
      code: '350105',
      hoursByMonth: null,
      stationOrdersByMonth: [
        { month: '2026-05', value: 1 },
        { month: '2026-06', value: 0 },
      ],
    });
  });
});
