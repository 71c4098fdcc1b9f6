import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, regionStatsLoader } from '@civic/shared';
import { STATION_STATS_SQL, toStationStats } from './repositories/regionStats';
import { stationRepository } from './repositories/stations';
import { teamRepository } from './repositories/teams';
import { orderRepository } from './repositories/orders';

/** Fresh per request, so one request's cache never serves another caller. */
export function createLoaders(db: DataSource) {
  const stations = stationRepository(db);
  const teams = teamRepository(db);
  const orders = orderRepository(db);
  return {
    regionStats: regionStatsLoader(db, STATION_STATS_SQL, toStationStats),
    station: keyedLoader(stations.findByIds, (station) => station.id),
    stationManagers: groupedLoader(stations.managersOf, (manager) => manager.stationId),
    stationTeams: groupedLoader(teams.ofStations, (team) => team.stationId),
    team: keyedLoader(teams.findByIds, (team) => team.id),
    teamMembers: groupedLoader(teams.membersOf, (member) => member.teamId),
    order: keyedLoader(orders.findByIds, (order) => order.id),
    orderSteps: groupedLoader(orders.stepsOf, (step) => step.orderId),
  };
}
export type NeighbourStationsLoaders = ReturnType<typeof createLoaders>;
