import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Mutation } from './mutations';
import { Region, StationStats } from './Region';
import { Station, StationDistance, StationTeam } from './Station';
import { DutySlot } from './DutySlot';
import { StationOrder, StationOrderStep } from './StationOrder';
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
  StationOrder,
  StationOrderStep,
  ...personalDataReport,
};
