import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Region } from './Region';
import { Person } from './Person';
import { Organization } from './Organization';
import { PersonalDataAccess } from './PersonalDataAccess';
import { Volunteer } from './Volunteer';
import { Mutation } from './Mutation';
import { Notice } from './Notice';
import { HoursCertificate } from './HoursCertificate';
import { DirectoryDataPart, PersonalDataReport } from './PersonalDataReport';

export const resolvers = { ...scalarResolvers, Query, Region, Person, Organization, PersonalDataAccess, Volunteer, Mutation, Notice, PersonalDataReport, DirectoryDataPart, HoursCertificate };
