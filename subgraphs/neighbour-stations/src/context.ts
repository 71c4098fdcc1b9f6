import type { DataSource } from 'typeorm';
import type { CheckInCodes, Clock, Identity } from '@civic/shared';
import type { StationScope } from './domain/access';
import { createLoaders, NeighbourStationsLoaders } from './loaders';
import { stationRepository } from './repositories/stations';
import { nearbyRepository } from './repositories/nearby';
import { dutySlotRepository } from './repositories/dutySlots';
import { orderRepository } from './repositories/orders';
import type { DirectoryLookup } from './directory';

export interface NeighbourStationsContext {
  identity: Identity;
  /** for the services that write inside transactions */
  db: DataSource;
  loaders: NeighbourStationsLoaders;
  stations: ReturnType<typeof stationRepository>;
  nearby: ReturnType<typeof nearbyRepository>;
  dutySlots: ReturnType<typeof dutySlotRepository>;
  orders: ReturnType<typeof orderRepository>;
  /** the directory's communities and organisations, asked through the gateway (where a station stands, who runs it) */
  directory: DirectoryLookup;
  /** the stations' check-in codes, keyed from this subgraph's own secret */
  checkInCodes: CheckInCodes;
}

export function contextFactory(db: DataSource, directory: DirectoryLookup, checkInCodes: CheckInCodes, clock?: Clock) {
  const repositories = {
    stations: stationRepository(db),
    nearby: nearbyRepository(db),
    dutySlots: dutySlotRepository(db),
    orders: orderRepository(db),
  };
  return (identity: Identity): NeighbourStationsContext => ({
    identity,
    db,
    loaders: createLoaders(db, identity, clock),
    ...repositories,
    directory,
    checkInCodes,
  });
}

/** A station's region and managers, through the request's loaders; null for an unknown station. */
export async function loadStationScope(ctx: NeighbourStationsContext, stationId: string): Promise<StationScope | null> {
  const [station, managers] = await Promise.all([ctx.loaders.station.load(stationId), ctx.loaders.stationManagers.load(stationId)]);
  return station ? { regionCode: station.regionCode, managerIds: managers.map((m) => m.personId) } : null;
}
