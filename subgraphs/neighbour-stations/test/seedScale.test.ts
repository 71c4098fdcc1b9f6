import { type SeedScale, type ServicePeriod, subgraphDataSource } from '@civic/shared';
import { miniatureDirectory, rollupAgainstOracle, startSubgraphHarness, SubgraphHarness } from '@civic/shared/src/testing';
import { ORDER_TABLE, STATION_FIELDS, STATION_ROLLUP, STATION_TABLE } from '../src/repositories/rollup';
import { STATION_STATS_SQL, toStationStatsOracle } from './rollupOracle';
import { neighbourStations } from '../src/module';
import { seedNeighbourStations } from '../src/seed';
import { stationDutyServedHours } from '../src/repositories/servedHours';
import { planStationsSeed } from '../src/seed/plan';
import { planScaledStations } from '../src/seed/scale';

const SMALL: SeedScale = { veterans: 0, stationVolunteers: 60, stationShare: 0.5 };
const NOW = new Date('2026-11-23T12:00:00+08:00');
/** The seed's whole rota: eight weeks back, four ahead. */
const ROTA: ServicePeriod = {
  from: '2026-09-01',
  to: '2026-12-31',
  startsAt: new Date('2026-09-01T00:00:00+08:00'),
  endsBefore: new Date('2027-01-01T00:00:00+08:00'),
};

/** The indexes and foreign keys of the stations' tables, by name, to compare before and after a seed. */
const INDEXES_AND_KEYS = `SELECT indexrelid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'neighbour_stations'
  UNION SELECT conname FROM pg_constraint WHERE connamespace = 'neighbour_stations'::regnamespace AND contype = 'f' ORDER BY 1`;

describe('a generated stations seed at a small size, as the launcher runs it (the schema owner)', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  it("when seeded with the indexes, keys and figure triggers set aside, then all are back, every key holds and the figures are the tables'", async () => {
    const before = await graph.db.query(INDEXES_AND_KEYS);
    const owner = await subgraphDataSource(neighbourStations, graph.database.migrationUrl!, 1).initialize();
    try {
      const plan = await seedNeighbourStations(owner, { seed: 9, size: 'city', population: miniatureDirectory(4) }, NOW, SMALL);
      expect(plan.scaledStations).toBeGreaterThan(0);
    } finally {
      await owner.destroy();
    }
    expect(await graph.db.query(INDEXES_AND_KEYS)).toEqual(before);
    const [{ off }] = await graph.db.query(`SELECT count(*)::int AS off FROM pg_trigger WHERE tgname LIKE 'rollup%' AND tgenabled = 'D'`);
    expect(off).toBe(0);
    const figures = await rollupAgainstOracle(graph.db, STATION_ROLLUP, STATION_FIELDS, {
      sql: STATION_STATS_SQL,
      toStats: toStationStatsOracle,
      regionsInUse: `SELECT region_code FROM ${STATION_TABLE} UNION SELECT region_code FROM ${ORDER_TABLE}`,
    });
    expect(figures.rollup.length).toBeGreaterThan(10);
    expect(figures.rollup).toEqual(figures.oracle);
  });
});

describe('a generated stations seed at a small size', () => {
  let graph: SubgraphHarness;
  beforeAll(async () => {
    graph = await startSubgraphHarness(neighbourStations);
  });
  afterAll(() => graph.stop());

  it('when seeded, then the hours a certificate sums for each duty person are their checked slots, and no one is on duty at two stations at once', async () => {
    const population = miniatureDirectory(4);
    const plan = await seedNeighbourStations(graph.db, { seed: 9, size: 'city', population }, NOW, SMALL);
    expect(plan.scaledStations).toBeGreaterThan(0);
    // The slots planned, named stations' and generated ones' (planned again: the seed streams them chunk by chunk).
    const slots = [
      ...plan.slots,
      ...[...planScaledStations(9, SMALL, population, '2026-11-23', planStationsSeed(9, population, '2026-11-23'))].flatMap((c) => c.slots),
    ];
    const planned = new Map<string, number>();
    for (const slot of slots) {
      if (!slot.onDuty || !slot.checkedOutAt) continue;
      const hours = Math.round((slot.checkedOutAt.getTime() - slot.checkedInAt!.getTime()) / 36_000) / 100;
      planned.set(slot.onDuty, (planned.get(slot.onDuty) ?? 0) + hours);
    }
    expect(planned.size).toBeGreaterThan(10);
    const [{ n }] = await graph.db.query(
      `SELECT count(DISTINCT on_duty_person_id)::int AS n FROM neighbour_stations.duty_slot WHERE checked_out_at IS NOT NULL`,
    );
    expect(n).toBe(planned.size);
    for (const [person, hours] of planned) {
      expect([person, Math.round((await stationDutyServedHours(graph.db, person, ROTA)) * 100)]).toEqual([person, Math.round(hours * 100)]);
    }
    const [twice] = await graph.db.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM neighbour_stations.duty_slot WHERE on_duty_person_id IS NOT NULL
       GROUP BY on_duty_person_id, date, half HAVING count(*) > 1) AS t`,
    );
    expect(twice.n).toBe(0);
  });
});
