import { scalarResolvers, seesExactFigures } from '@civic/shared';
import { Query } from './Query';
import { Mutation } from './mutations';
import { Region, StationStats } from './Region';
import { Station, StationDistance, StationTeam } from './Station';
import { DutySlot } from './DutySlot';
import { Person } from './Person';
import { StationOrder, StationOrderStep } from './StationOrder';
import type { PublicOrderRow } from '../repositories/orders';
import type { NeighbourStationsContext } from '../context';
import { personalDataReport } from './PersonalDataReport';

export const resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Region,
  StationStats,
  Station,
  StationTeam,
  StationDistance,
  DutySlot,
  Person,
  StationOrder,
  StationOrderStep,
  // Microdata by station would count a community's orders: the station for exact-figure callers only (disclosure control).
  PublicStationOrder: {
    station: (order: PublicOrderRow, _: unknown, ctx: NeighbourStationsContext) =>
      seesExactFigures(ctx.identity, order.regionCode) ? ctx.loaders.station.load(order.stationId) : null,
    district: (order: PublicOrderRow) => ({ code: order.regionCode.slice(0, 6) }),
  },
  ...personalDataReport,
};
