import { loadReferenced, scalarResolvers, seesExactFigures } from '@civic/shared';
import { Query } from './Query';
import { Mutation } from './mutations';
import { Region, StationStats } from './Region';
import { Station, StationDistance, StationTeam } from './Station';
import { DutySlot } from './DutySlot';
import { Person } from './Person';
import { StationOrder, StationOrderStep } from './StationOrder';
import { personalDataReport } from './PersonalDataReport';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
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
    station: (order, _, ctx) => (seesExactFigures(ctx.identity, order.regionCode) ? loadReferenced(ctx.loaders.station, order.stationId, 'station') : null),
    district: (order) => ({ code: order.regionCode.slice(0, 6) }),
  },
  ...personalDataReport,
};
