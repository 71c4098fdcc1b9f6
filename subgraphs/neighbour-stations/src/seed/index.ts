import type { DataSource, EntityManager } from 'typeorm';
import type { SeedOptions } from '@civic/shared';
import { chinaToday, loadBypassingRollup, loadWithoutIndexes, SEED_SCALE, seedInsert, seedStep, type SeedColumn } from '@civic/shared';
import { STATION_ROLLUP } from '../repositories/rollup';
import { planStationsSeed } from './plan';
import { planScaledStations, type StationsChunk } from './scale';

const NS = 'neighbour-stations';

/** The tables the generated stations fill by the hundred thousand, loaded with their secondary indexes and foreign keys set aside (loadWithoutIndexes). */
const BULK_TABLES = ['station', 'station_manager', 'duty_slot', 'station_order', 'station_order_step'].map((t) => `neighbour_stations.${t}`);
const insert = <R>(tx: EntityManager, name: string, table: string, columns: SeedColumn<R>[], rows: readonly R[], onConflict = '') =>
  seedInsert(tx, NS, name, `neighbour_stations.${table}`, columns, rows, { onConflict });

/** Stations with their managers, teams, rota and orders: a few statements of unnest() per chunk. */
/**
 * `orderRegion`: the order steps carry their order's region, so the trigger that fills it does not look each order
 * up in every city's partition (a province's hundreds of thousands). The named stations' few hundred steps leave it
 * to the trigger, so the demo seeds any schema from before the orders were partitioned too (tests/partitions.test.ts).
 */
async function writeStations(tx: EntityManager, { stations, slots, orders }: StationsChunk, orderRegion: boolean) {
  const list = (items: unknown[]) => JSON.stringify(items);
  await insert(
    tx,
    'seedStations',
    'station',
    [
      ['id', 'uuid', (s) => s.id],
      ['name', 'text', (s) => s.name],
      ['kind', 'text', (s) => s.kind],
      ['region_code', 'text', (s) => s.regionCode],
      ['latitude', 'float8', (s) => s.latitude],
      ['longitude', 'float8', (s) => s.longitude],
      ['address', 'text', (s) => s.address],
      ['operator_id', 'uuid', (s) => s.operatorId],
      ['people_covered', 'int', (s) => s.peopleCovered],
      ['coverage_radius_m', 'int', (s) => s.coverageRadiusM ?? 1000],
      ['mode', 'text', (s) => s.mode ?? 'SERIAL'],
      ['eight_haves', 'jsonb', (s) => JSON.stringify(s.eightHaves)],
      ['amenities', 'jsonb', (s) => list(s.amenities), 'ARRAY(SELECT jsonb_array_elements_text(u.amenities))'],
      ['helps', 'jsonb', (s) => list(s.helps), 'ARRAY(SELECT jsonb_array_elements_text(u.helps))'],
    ],
    stations,
  );
  const managers = stations.flatMap((s) => s.managerIds.map((personId) => ({ stationId: s.id, personId })));
  await insert(
    tx,
    'seedStationManagers',
    'station_manager',
    [
      ['station_id', 'uuid', (m) => m.stationId],
      ['person_id', 'uuid', (m) => m.personId],
    ],
    managers,
    'ON CONFLICT DO NOTHING',
  );
  const teams = stations.flatMap((s) => s.teams.map((t) => ({ ...t, stationId: s.id })));
  await insert(
    tx,
    'seedStationTeams',
    'station_team',
    [
      ['id', 'uuid', (t) => t.id],
      ['station_id', 'uuid', (t) => t.stationId],
      ['name', 'text', (t) => t.name],
      ['serves', 'text', (t) => t.serves],
    ],
    teams,
  );
  const members = teams.flatMap((t) => t.members.map((personId) => ({ teamId: t.id, personId })));
  await insert(
    tx,
    'seedStationTeamMembers',
    'station_team_member',
    [
      ['team_id', 'uuid', (m) => m.teamId],
      ['person_id', 'uuid', (m) => m.personId],
    ],
    members,
  );
  await insert(
    tx,
    'seedDutySlots',
    'duty_slot',
    [
      ['station_id', 'uuid', (s) => s.stationId],
      ['region_code', 'text', (s) => s.regionCode],
      ['date', 'date', (s) => s.date],
      ['half', 'text', (s) => s.half],
      ['starts_at', 'timestamptz', (s) => s.startsAt],
      ['ends_at', 'timestamptz', (s) => s.endsAt],
      ['claimed_by', 'uuid', (s) => s.claimedBy],
      ['claimed_at', 'timestamptz', (s) => s.claimedAt],
      ['on_duty_person_id', 'uuid', (s) => s.onDuty],
      ['checked_in_at', 'timestamptz', (s) => s.checkedInAt],
      ['checked_out_at', 'timestamptz', (s) => s.checkedOutAt],
    ],
    slots,
  );
  // An order's times count back from now by its age (days ago), its steps ten minutes apart.
  await insert(
    tx,
    'seedStationOrders',
    'station_order',
    [
      ['id', 'uuid', (o) => o.id],
      ['station_id', 'uuid', (o) => o.stationId],
      ['region_code', 'text', (o) => o.regionCode],
      ['help', 'text', (o) => o.help],
      ['status', 'text', (o) => o.status],
      ['rating', 'int', (o) => o.rating],
      ['resident_id', 'uuid', (o) => o.residentId],
      ['volunteer_id', 'uuid', (o) => o.volunteerId],
      ['team_id', 'uuid', (o) => o.teamId],
      ['created_at', 'int', (o) => o.daysAgo, 'now() - make_interval(days => u.created_at)'],
      ['updated_at', 'int', (o) => o.daysAgo, "now() - make_interval(days => u.updated_at) + interval '1 hour'"],
    ],
    orders,
  );
  const steps = orders.flatMap((o) => o.steps.map((step, i) => ({ orderId: o.id, regionCode: o.regionCode, ...step, minutes: o.daysAgo * 1440 - i * 10 })));
  const region: SeedColumn<(typeof steps)[number]>[] = orderRegion ? [['order_region_code', 'text', (s) => s.regionCode]] : [];
  await insert(
    tx,
    'seedStationOrderSteps',
    'station_order_step',
    [
      ['order_id', 'uuid', (s) => s.orderId],
      ...region,
      ['status', 'text', (s) => s.status],
      ['actor_id', 'uuid', (s) => s.actorId],
      ['at', 'int', (s) => s.minutes, 'now() - make_interval(mins => u.at)'],
    ],
    steps,
  );
}

/**
 * Demo data: the named stations with their rotas (eight weeks worked, four ahead) and
 * orders in every state, referring to the directory's people and organisations
 * (options.population) by id; at city and province sizes more stations in their
 * communities (scale.ts, SEED_SCALE or a test's `scale`), written chunk by chunk.
 * One transaction.
 */
export async function seedNeighbourStations(db: DataSource, options: SeedOptions, now = new Date(), scale = SEED_SCALE[options.size]) {
  const population = options.population ?? { people: [], organizations: [] };
  const today = chinaToday(now);
  const plan = planStationsSeed(options.seed, population, today);
  const { units, stations, slots, orders, centres } = plan;
  let scaled = 0;
  await db.transaction(async (tx) => {
    await insert(
      tx,
      'seedDutyUnits',
      'duty_unit',
      [
        ['organization_id', 'uuid', (u) => u.id],
        ['name', 'text', (u) => u.name],
        ['kind', 'text', (u) => u.kind],
        ['region_code', 'text', (u) => u.regionCode],
      ],
      units,
    );
    await insert(
      tx,
      'seedCommunityCentres',
      'community_centre',
      [
        ['region_code', 'text', (c) => c[0]],
        ['name', 'text', (c) => c[1]],
        ['latitude', 'float8', (c) => c[2]],
        ['longitude', 'float8', (c) => c[3]],
      ],
      centres,
      'ON CONFLICT DO NOTHING',
    );
    await writeStations(tx, { stations, slots, orders }, false);
    const chunks = planScaledStations(options.seed, scale, population, today, plan);
    const writeScaled = async () => {
      for (;;) {
        const next = await seedStep(
          NS,
          `plan stations from ${scaled + 1}`,
          (c) => c?.stations.length ?? 0,
          () => chunks.next().value,
        );
        if (!next) break;
        scaled += next.stations.length;
        await writeStations(tx, next, true);
      }
    };
    // At city and province sizes: each order step's key checked against the partitioned orders row by row, and the
    // figures' triggers per statement, cost more than checking and summing them once at the end (as elder care's seed).
    if (scale.stationShare) await loadBypassingRollup(tx, NS, STATION_ROLLUP, () => loadWithoutIndexes(tx, NS, BULK_TABLES, writeScaled));
    else await writeScaled();
    // The people on duty for a unit are its members (as the migration that made members records them).
    await seedStep(NS, 'duty_unit_member', 0, () =>
      tx.query(
        `/* seedDutyUnitMembers */ INSERT INTO neighbour_stations.duty_unit_member (organization_id, person_id)
         SELECT DISTINCT claimed_by, on_duty_person_id FROM neighbour_stations.duty_slot
         WHERE claimed_by IS NOT NULL AND on_duty_person_id IS NOT NULL ON CONFLICT DO NOTHING`,
      ),
    );
  });
  return { ...plan, scaledStations: scaled };
}
