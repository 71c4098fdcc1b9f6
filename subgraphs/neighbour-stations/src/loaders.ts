import type { DataSource } from 'typeorm';
import { hasRole, type Identity } from '@civic/shared';
import { dutySlotRepository } from './repositories/dutySlots';
import { type Clock, groupedLoader, keyedLoader, monthlySeriesLoader, rollupReads, rollupStatsLoader } from '@civic/shared';
import { ORDERS_BY_MONTH, type StationStats } from './repositories/regionStats';
import { ORDER_TABLE, STATION_FIELDS, STATION_ROLLUP, STATION_TABLE } from './repositories/rollup';
import { stationRepository } from './repositories/stations';
import { teamRepository } from './repositories/teams';
import { orderRepository } from './repositories/orders';

/** Fresh per request, so one request's cache never serves another caller; `clock` ends the trend's months. */
export function createLoaders(db: DataSource, identity: Identity, clock?: Clock) {
  const stations = stationRepository(db);
  const slots = dutySlotRepository(db);
  // A district officer counts the no-shows at the stations of their region; the person
  // themself and a city administrator count them everywhere (Person.dutyNoShows).
  const noShows = (region: string | null) =>
    keyedLoader(
      (ids: readonly string[]) => slots.noShowsOf(ids, region),
      (row) => row.personId,
    );
  const teams = teamRepository(db);
  const orders = orderRepository(db);
  // The rows the counts are drawn from, for disclosure control: their region codes, read from the rollup once per request.
  const rollup = rollupReads(db, STATION_ROLLUP);
  const STATION_REGIONS = rollup.regionsInUse([STATION_TABLE, ORDER_TABLE]);
  return {
    // only the fields asked are read (askedFields in the resolvers)
    regionStats: rollupStatsLoader<StationStats>(db, rollup, STATION_FIELDS, {
      identity,
      regionsInUse: STATION_REGIONS,
      // stations are listed publicly (Query.stations, HSDS); orders are people's
      shape: { counts: ['stations', 'openOrders'], publicEntities: ['stations'] },
    }),
    ordersByMonth: monthlySeriesLoader(db, ORDERS_BY_MONTH, clock, { identity, regionsInUse: STATION_REGIONS }),
    station: keyedLoader(stations.findByIds, (station) => station.id),
    stationManagers: groupedLoader(stations.managersOf, (manager) => manager.stationId),
    stationTeams: groupedLoader(teams.ofStations, (team) => team.stationId),
    team: keyedLoader(teams.findByIds, (team) => team.id),
    teamMembers: groupedLoader(teams.membersOf, (member) => member.teamId),
    order: keyedLoader(orders.findByIds, (order) => order.id),
    orderSteps: groupedLoader(orders.stepsOf, (step) => step.orderId),
    noShowsEverywhere: noShows(null),
    noShowsInRegion: hasRole(identity, 'DISTRICT_OFFICER') && identity.region ? noShows(identity.region) : null,
  };
}
export type NeighbourStationsLoaders = ReturnType<typeof createLoaders>;
