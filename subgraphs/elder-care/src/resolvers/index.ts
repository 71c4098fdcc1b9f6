import { askedFields, monthlySeriesField, regionReference, scalarResolvers, seesExactFigures } from '@civic/shared';
import type { ElderCareContext } from '../context';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Elder } from './Elder';
import { ServiceRequest, ServiceRequestStep } from './ServiceRequest';
import { ServiceTeam } from './ServiceTeam';
import { DonationPool, Person, TimeBankAccount, TimeBankEntry } from './TimeBank';
import { CareDataAccess } from './CareDataAccess';
import type { PublicRequestRow } from '../repositories/requests';
import { ElderCareDataPart, PersonalDataReport } from './PersonalDataReport';
import { callDevicesOfElder, Emergency, emergencyOfRequest, emergencyQueries } from './Emergency';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  Date: scalarResolvers.Date,
  DateTime: scalarResolvers.DateTime,
  Query: { ...Query, ...emergencyQueries },
  Mutation,
  Region: {
    ...regionReference,
    // only the figures asked for are read (from the rollup)
    elderCare: async (region, _, ctx, info) => ({
      regionCode: region.code,
      ...(await ctx.loaders.regionStats.load(region.code, askedFields(info))),
    }),
    requestsPlacedByMonth: monthlySeriesField((ctx: ElderCareContext) => ctx.loaders.requestsPlacedByMonth),
    requestsCompletedByMonth: monthlySeriesField((ctx: ElderCareContext) => ctx.loaders.requestsCompletedByMonth),
    hoursByMonth: monthlySeriesField((ctx: ElderCareContext) => ctx.loaders.hoursByMonth),
    // A median of one or two emergencies is theirs: withheld with the count.
    emergencies: async (region, _, ctx) => {
      const stats = await ctx.loaders.emergencyStats.load(region.code);
      return stats.suppressed.includes('raised') ? { ...stats, medianMinutesToAcknowledge: null } : stats;
    },
  },
  // The breakdowns are queried only when asked for: dashboards want the headline figures.
  ElderCareStats: {
    eldersByCondition: (stats, _, ctx) => ctx.loaders.eldersByCondition.load(stats.regionCode),
    requestsByCategory: (stats, _, ctx) => ctx.loaders.requestsByCategory.load(stats.regionCode),
  },
  Person,
  Elder: { ...Elder, callDevices: callDevicesOfElder },
  ServiceRequest: { ...ServiceRequest, emergency: emergencyOfRequest },
  Emergency,
  ServiceRequestStep,
  // Microdata by street would count a street's requests: the street for exact-figure callers only (disclosure control).
  PublicServiceRequest: {
    street: (request: PublicRequestRow, _: unknown, ctx: ElderCareContext) =>
      seesExactFigures(ctx.identity, request.streetCode) ? { code: request.streetCode } : null,
    district: (request: PublicRequestRow) => ({ code: request.streetCode.slice(0, 6) }),
  },
  ServiceTeam,
  TimeBankAccount,
  DonationPool,
  TimeBankEntry,
  CareDataAccess,
  PersonalDataReport,
  ElderCareDataPart,
};
