import { holdingsOnlyPart } from '@civic/shared';

const NS = 'neighbour_stations';

/** Every table (and role) in which the station registry holds a person: its part of their data report. */
export const personalDataReport = holdingsOnlyPart('stations', 'StationDataPart', [
  { kind: `${NS}.station_manager`, sql: `SELECT count(*) FROM ${NS}.station_manager WHERE person_id = $1` },
  { kind: `${NS}.station_team_member`, sql: `SELECT count(*) FROM ${NS}.station_team_member WHERE person_id = $1` },
  { kind: `${NS}.duty_unit_member`, sql: `SELECT count(*) FROM ${NS}.duty_unit_member WHERE person_id = $1` },
  { kind: `${NS}.duty_slot.on_duty_person_id`, sql: `SELECT count(*) FROM ${NS}.duty_slot WHERE on_duty_person_id = $1` },
  { kind: `${NS}.station_order.resident_id`, sql: `SELECT count(*) FROM ${NS}.station_order WHERE resident_id = $1` },
  { kind: `${NS}.station_order.volunteer_id`, sql: `SELECT count(*) FROM ${NS}.station_order WHERE volunteer_id = $1` },
  { kind: `${NS}.station_order_step`, sql: `SELECT count(*) FROM ${NS}.station_order_step WHERE actor_id = $1` },
]);
