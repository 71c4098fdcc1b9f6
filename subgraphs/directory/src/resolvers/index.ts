import { scalarResolvers } from '@civic/shared';
import { Query } from './Query';
import { Region } from './Region';
import { Person } from './Person';
import { Organization } from './Organization';
import { PersonalDataAccess } from './PersonalDataAccess';

export const resolvers = { ...scalarResolvers, Query, Region, Person, Organization, PersonalDataAccess };
