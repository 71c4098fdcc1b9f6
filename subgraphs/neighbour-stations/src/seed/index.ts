import type { DataSource } from 'typeorm';
import type { SeedOptions } from '@civic/shared';
import { chinaToday } from '@civic/shared';
import { planStationsSeed } from './plan';

/**
 * Demo data: the named stations with their rotas (eight weeks worked, four ahead) and
 * orders in every state, referring to the directory's people and organisations
 * (options.population) by id. One transaction; a few statements of unnest().
 */
export async function seedNeighbourStations(db: DataSource, options: SeedOptions, now = new Date()) {
  const plan = planStationsSeed(options.seed, options.population ?? { people: [], organizations: [] }, chinaToday(now));
  const { units, stations, slots, orders, centres } = plan;
  const teams = stations.flatMap((s) => s.teams.map((t) => ({ ...t, stationId: s.id })));
  const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
  await db.transaction(async (tx) => {
    await tx.query(
      `/* seedDutyUnits */ INSERT INTO neighbour_stations.duty_unit (organization_id, name, kind, region_code)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [col(units, 'id'), col(units, 'name'), col(units, 'kind'), col(units, 'regionCode')],
    );
    await tx.query(
      `/* seedStations */ INSERT INTO neighbour_stations.station (id, name, kind, region_code, latitude, longitude, address,
         operator_id, people_covered, coverage_radius_m, mode, eight_haves, amenities, helps)
       SELECT id, name, kind, region_code, lat, lon, address, operator_id, covered, radius, mode, eight_haves,
              ARRAY(SELECT jsonb_array_elements_text(amenities)), ARRAY(SELECT jsonb_array_elements_text(helps))
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::uuid[], $9::int[], $10::int[], $11::text[], $12::jsonb[], $13::jsonb[], $14::jsonb[])
         AS s(id, name, kind, region_code, lat, lon, address, operator_id, covered, radius, mode, eight_haves, amenities, helps)`,
      [
        col(stations, 'id'),
        col(stations, 'name'),
        col(stations, 'kind'),
        col(stations, 'regionCode'),
        col(stations, 'latitude'),
        col(stations, 'longitude'),
        col(stations, 'address'),
        col(stations, 'operatorId'),
        col(stations, 'peopleCovered'),
        stations.map((s) => s.coverageRadiusM ?? 1000),
        stations.map((s) => s.mode ?? 'SERIAL'),
        stations.map((s) => JSON.stringify(s.eightHaves)),
        stations.map((s) => JSON.stringify(s.amenities)),
        stations.map((s) => JSON.stringify(s.helps)),
      ],
    );
    const managers = stations.flatMap((s) => s.managerIds.map((personId) => [s.id, personId]));
    await tx.query(
      `/* seedStationManagers */ INSERT INTO neighbour_stations.station_manager (station_id, person_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [managers.map((m) => m[0]), managers.map((m) => m[1])],
    );
    await tx.query(
      `/* seedStationTeams */ INSERT INTO neighbour_stations.station_team (id, station_id, name, serves)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
      [col(teams, 'id'), col(teams, 'stationId'), col(teams, 'name'), col(teams, 'serves')],
    );
    const members = teams.flatMap((t) => t.members.map((personId) => [t.id, personId]));
    await tx.query(
      `/* seedStationTeamMembers */ INSERT INTO neighbour_stations.station_team_member (team_id, person_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [members.map((m) => m[0]), members.map((m) => m[1])],
    );
    await tx.query(
      `/* seedCommunityCentres */ INSERT INTO neighbour_stations.community_centre (region_code, name, latitude, longitude)
       SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) ON CONFLICT DO NOTHING`,
      [centres.map((c) => c[0]), centres.map((c) => c[1]), centres.map((c) => c[2]), centres.map((c) => c[3])],
    );
    await tx.query(
      `/* seedDutySlots */ INSERT INTO neighbour_stations.duty_slot
         (station_id, region_code, date, half, starts_at, ends_at, claimed_by, claimed_at, on_duty_person_id, checked_in_at, checked_out_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::uuid[], $8::timestamptz[],
         $9::uuid[], $10::timestamptz[], $11::timestamptz[])`,
      [
        col(slots, 'stationId'),
        col(slots, 'regionCode'),
        col(slots, 'date'),
        col(slots, 'half'),
        col(slots, 'startsAt'),
        col(slots, 'endsAt'),
        col(slots, 'claimedBy'),
        col(slots, 'claimedAt'),
        col(slots, 'onDuty'),
        col(slots, 'checkedInAt'),
        col(slots, 'checkedOutAt'),
      ],
    );
    // The people on duty for a unit are its members (as the migration that made members records them).
    await tx.query(
      `/* seedDutyUnitMembers */ INSERT INTO neighbour_stations.duty_unit_member (organization_id, person_id)
       SELECT DISTINCT claimed_by, on_duty_person_id FROM neighbour_stations.duty_slot
       WHERE claimed_by IS NOT NULL AND on_duty_person_id IS NOT NULL ON CONFLICT DO NOTHING`,
    );
    await tx.query(
      `/* seedStationOrders */ INSERT INTO neighbour_stations.station_order
         (id, station_id, region_code, help, status, rating, resident_id, volunteer_id, team_id, created_at, updated_at)
       SELECT id, station_id, region_code, help, status, rating, resident_id, volunteer_id, team_id,
              now() - make_interval(days => days_ago), now() - make_interval(days => days_ago) + interval '1 hour'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::uuid[], $8::uuid[], $9::uuid[], $10::int[])
         AS o(id, station_id, region_code, help, status, rating, resident_id, volunteer_id, team_id, days_ago)`,
      [
        col(orders, 'id'),
        col(orders, 'stationId'),
        col(orders, 'regionCode'),
        col(orders, 'help'),
        col(orders, 'status'),
        col(orders, 'rating'),
        col(orders, 'residentId'),
        col(orders, 'volunteerId'),
        col(orders, 'teamId'),
        col(orders, 'daysAgo'),
      ],
    );
    const steps = orders.flatMap((o) => o.steps.map((step, i) => ({ orderId: o.id, ...step, minutes: o.daysAgo * 1440 - i * 10 })));
    await tx.query(
      `/* seedStationOrderSteps */ INSERT INTO neighbour_stations.station_order_step (order_id, status, actor_id, at)
       SELECT order_id, status, actor_id, now() - make_interval(mins => minutes)
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[]) AS s(order_id, status, actor_id, minutes)`,
      [col(steps, 'orderId'), col(steps, 'status'), col(steps, 'actorId'), col(steps, 'minutes')],
    );
  });
  return plan;
}
