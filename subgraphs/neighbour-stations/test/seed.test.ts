import type { SeedPopulation } from '@civic/shared';
import { startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { neighbourStations } from '../src/module';
import { planStationsSeed } from '../src/seed/plan';
import { newId } from './arrange';

/** A directory population in miniature: residents and units in 洛江区 and 马尾区. */
function population(): SeedPopulation {
  const people = Array.from({ length: 40 }, (_, i) => ({
    id: newId(),
    gender: 'FEMALE' as const,
    birthDate: '1950-01-01',
    regionCode: i % 2 ? '350504001001' : '350105001004',
  }));
  const organizations = [
    { id: newId(), name: '泉州市洛江区民政局', kind: 'GOVERNMENT_UNIT', regionCode: '350504' },
    { id: newId(), name: '洛江区志愿者协会', kind: 'ASSOCIATION', regionCode: '350504' },
    { id: newId(), name: '洛江区爱邻舍社会工作服务中心', kind: 'SOCIAL_WORK_AGENCY', regionCode: '350504' },
    { id: newId(), name: '马尾区退役军人服务中心', kind: 'GOVERNMENT_UNIT', regionCode: '350105' },
    { id: newId(), name: '马尾区红色义工联合会', kind: 'ASSOCIATION', regionCode: '350105' },
  ];
  return { people, organizations };
}

describe('the demo seed', () => {
  let graph: SubgraphHarness;
  const pop = population();
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
    expect(await neighbourStations.isEmpty!(graph.db)).toBe(true);
    await neighbourStations.seed!(graph.db, { seed: 20261123, size: 'demo', population: pop });
  });
  afterAll(() => graph.stop());

  it('when planned twice from one seed, then the plan is the same', () => {
    const a = planStationsSeed(7, pop, '2026-11-23');
    expect(planStationsSeed(7, pop, '2026-11-23')).toEqual(a);
  });

  it('when seeded, then 洛江区 has 洛阳桥驿站 and the 万福社区 station, and 马尾区 has its own', async () => {
    expect(await neighbourStations.isEmpty!(graph.db)).toBe(false);
    const { body } = await graph.query(`{ luojiang: stations(regionCode: "350504", first: 100) { edges { node { name region { code } eightHavesMet } } }
      mawei: stations(regionCode: "350105") { totalCount } all: stations { totalCount } }`);
    const luojiang = body.data.luojiang.edges.map((e: any) => e.node);
    expect(luojiang).toContainEqual({ name: '洛阳桥驿站', region: { code: '350504001002' }, eightHavesMet: 8 });
    expect(luojiang).toContainEqual(expect.objectContaining({ name: '万福社区驿站', region: { code: '350504001001' } }));
    expect(body.data.mawei.totalCount).toBeGreaterThanOrEqual(4);
    expect(body.data.all.totalCount).toBeGreaterThan(20);
  });

  it('when a resident stands on 洛阳桥, then the station is the nearest within 1,000 m', async () => {
    const { body } = await graph.query(`{ stationsNear(latitude: 24.9555, longitude: 118.6815) { meters station { name operator { id } } } }`);
    expect(body.data.stationsNear[0].station.name).toBe('洛阳桥驿站');
    expect(body.data.stationsNear[0].meters).toBeLessThan(1000);
  });

  it('when seeded, then the rota covers the last eight weeks, worked, and the coming four, not yet; units of the right kind hold claimed slots', async () => {
    const [{ days }] = await graph.db.query(`SELECT count(DISTINCT date)::int AS days FROM neighbour_stations.duty_slot`);
    expect(days).toBe(84);
    const [worked] = await graph.db.query(`SELECT
        count(*) FILTER (WHERE ends_at < now() - interval '1 day' AND checked_in_at IS NOT NULL AND checked_out_at IS NOT NULL)::int AS past,
        count(*) FILTER (WHERE starts_at > now() AND (checked_in_at IS NOT NULL OR checked_out_at IS NOT NULL))::int AS future,
        count(*) FILTER (WHERE checked_out_at <= checked_in_at OR claimed_at > starts_at)::int AS odd
      FROM neighbour_stations.duty_slot`);
    expect(worked.past).toBeGreaterThan(100);
    expect(worked.future).toBe(0);
    expect(worked.odd).toBe(0);
    const wrong = await graph.db.query(
      `SELECT d.id FROM neighbour_stations.duty_slot d JOIN neighbour_stations.duty_unit u ON u.organization_id = d.claimed_by
       WHERE (extract(isodow FROM d.date) >= 6) <> (u.kind = 'ASSOCIATION')`,
    );
    expect(wrong).toEqual([]);
    const [{ claimed }] = await graph.db.query(`SELECT count(*)::int AS claimed FROM neighbour_stations.duty_slot WHERE claimed_by IS NOT NULL`);
    expect(claimed).toBeGreaterThan(0);
  });

  it('when seeded, then orders exist in every state, each with its steps', async () => {
    const rows: { status: string; steps: number }[] = await graph.db.query(
      `SELECT o.status, count(s.id)::int AS steps FROM neighbour_stations.station_order o
       JOIN neighbour_stations.station_order_step s ON s.order_id = o.id GROUP BY o.id, o.status`,
    );
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['PLACED', 'DISPATCHED', 'ACCEPTED', 'COMPLETED', 'RATED', 'CANCELLED']));
    expect(rows.find((r) => r.status === 'RATED')?.steps).toBe(5);
  });

  it('when orders are counted, then stations differ, most orders are recent, only recent ones are under way, and no station has one of each state', () => {
    const { orders } = planStationsSeed(20261123, pop, '2026-11-23');
    const perStation = new Map<string, typeof orders>();
    for (const o of orders) perStation.set(o.stationId, [...(perStation.get(o.stationId) ?? []), o]);
    expect(new Set([...perStation.values()].map((list) => list.length)).size).toBeGreaterThan(2);
    const oneOfEach = [...perStation.values()].filter((list) => list.length === 6 && new Set(list.map((o) => o.status)).size === 6);
    expect(oneOfEach).toEqual([]);
    expect(orders.filter((o) => o.daysAgo <= 30).length).toBeGreaterThan(orders.filter((o) => o.daysAgo > 90).length);
    expect(orders.filter((o) => ['PLACED', 'DISPATCHED', 'ACCEPTED'].includes(o.status) && o.daysAgo > 10)).toEqual([]);
  });

  it('when 永安村 is seeded, then it works in parallel mode with its five teams', async () => {
    const [{ id }] = await graph.db.query(`SELECT id FROM neighbour_stations.station WHERE name = '永安村文明实践驿站'`);
    const { body } = await graph.query(`query ($id: ID!) { station(id: $id) { mode teams { name serves } } }`, { id });
    expect(body.data.station.mode).toBe('PARALLEL');
    expect(body.data.station.teams).toHaveLength(5);
  });

  it('when asked which 万安街道 communities lack a station within 1,000 m, then some are listed', async () => {
    const { body } = await graph.query(`{ communitiesWithoutStation(regionCode: "350504001") { region { code } name nearest { meters } } }`);
    const codes = body.data.communitiesWithoutStation.map((c: any) => c.region.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('350504001001');
    expect(codes).not.toContain('350504001002');
  });
});
