import { askedFields, monthlySeriesField, regionReference, scalarResolvers } from '@civic/shared';
import type { VeteranVolunteersContext } from '../context';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Veteran } from './Veteran';
import { TeamMembership, VeteranServicePoint, VeteranTeam } from './VeteranTeam';
import { ActivityAttendance, VeteranActivity } from './VeteranActivity';
import { ActivityCheckIn, Checkpoint, CheckpointShift, VeteranServiceDays } from './Checkpoint';
import { HonourHall, HonourHallVisit, VeteranStory } from './stories';
import { VeteranDataAccess } from './VeteranDataAccess';
import { PersonalDataReport, VeteranDataPart } from './PersonalDataReport';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Region: {
    ...regionReference,
    // only the figures asked for are read (from the rollup)
    veterans: (region, _, ctx, info) => ctx.loaders.regionStats.load(region.code, askedFields(info)),
    veteranActivitiesByMonth: monthlySeriesField((ctx: VeteranVolunteersContext) => ctx.loaders.activitiesByMonth),
  },
  Veteran,
  VeteranTeam,
  TeamMembership,
  VeteranServicePoint,
  VeteranActivity,
  ActivityAttendance,
  Checkpoint,
  CheckpointShift,
  ActivityCheckIn,
  VeteranServiceDays,
  VeteranStory,
  HonourHall,
  HonourHallVisit,
  VeteranDataAccess,
  PersonalDataReport,
  VeteranDataPart,
};
