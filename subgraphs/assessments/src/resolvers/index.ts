import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Mutation } from './Mutation';
import { Region, StationStats } from './Region';
import { Assessment, AssessmentCorrection, AssessmentSubject } from './Assessment';
import { AssessmentTemplate } from './AssessmentTemplate';
import { Certification, Organization, Station, VeteranTeam } from './subjects';
import { personalDataReport } from './PersonalDataReport';
import type { Resolvers } from '../generated/resolvers';

export const resolvers: Resolvers = {
  DateTime: scalarResolvers.DateTime,
  Query,
  Mutation,
  Region,
  StationStats,
  Station,
  VeteranTeam,
  Organization,
  Certification,
  Assessment,
  AssessmentCorrection,
  AssessmentSubject,
  AssessmentTemplate,
  ...personalDataReport,
};
