import { regionReference, scalarResolvers } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Elder } from './Elder';
import { ServiceRequest, ServiceRequestStep } from './ServiceRequest';
import { ServiceTeam } from './ServiceTeam';
import { DonationPool, Person, TimeBankAccount, TimeBankEntry } from './TimeBank';
import { CareDataAccess } from './CareDataAccess';

export const resolvers = {
  DateTime: scalarResolvers.DateTime,
  Query,
  Mutation,
  Region: {
    ...regionReference,
    elderCare: (region: { code: string }, _: unknown, ctx: ElderCareContext) => ctx.loaders.regionStats.load(region.code),
  },
  Person,
  Elder,
  ServiceRequest,
  ServiceRequestStep,
  ServiceTeam,
  TimeBankAccount,
  DonationPool,
  TimeBankEntry,
  CareDataAccess,
};
