import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Mutation } from './mutations';
import { Region, StationStats } from './Region';
import { Station, StationDistance, StationTeam } from './Station';
import { DutySlot } from './DutySlot';
import { Person } from './Person';
import { StationOrder, StationOrderStep } from './StationOrder';

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
};
