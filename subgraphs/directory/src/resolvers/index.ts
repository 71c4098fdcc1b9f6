import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Region } from './Region';
import { Person } from './Person';
import { Organization } from './Organization';
import { PersonalDataAccess } from './PersonalDataAccess';
import { Volunteer } from './Volunteer';
import { Mutation } from './Mutation';
import { Notice } from './Notice';
import { WebhookDelivery } from './Webhook';
import { HoursCertificate } from './HoursCertificate';
import { DirectoryDataPart, PersonalDataReport } from './PersonalDataReport';
import { OfficerAppointment, officerFields, officerQueries } from './Officers';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...officerQueries },
  Region: { ...Region, ...officerFields },
  OfficerAppointment,
  Person,
  Organization,
  PersonalDataAccess,
  Volunteer,
  Mutation,
  Notice,
  PersonalDataReport,
  DirectoryDataPart,
  WebhookDelivery,
  HoursCertificate,
};
