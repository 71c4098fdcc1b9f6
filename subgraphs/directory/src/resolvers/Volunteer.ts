import type { GraphQLResolveInfo } from 'graphql';
import { operationName } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Volunteer as VolunteerRow } from '../entities/Volunteer';
import { mayReadPersonalData } from '../domain/access';

export const Volunteer = {
  id: (volunteer: VolunteerRow) => volunteer.personId,
  person: (volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.person.load(volunteer.personId),
  community: (volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.region.load(volunteer.regionCode),

  /** Personal, like a phone: shown (and logged) to whoever may read the person's data, withheld otherwise. */
  async volunteerNumber(volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext, info: GraphQLResolveInfo) {
    if (!volunteer.volunteerNumber) return null;
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    await ctx.auditTrail.record(volunteer.personId, 'volunteerNumber', operationName(info));
    return volunteer.volunteerNumber;
  },
};
