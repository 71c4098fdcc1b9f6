import { loadReferenced, operationName } from '@civic/shared';
import type { Volunteer as VolunteerRow } from '../entities/Volunteer';
import { mayReadPersonalData } from '../domain/access';
import type { VolunteerResolvers } from '../generated/resolvers';

export const Volunteer: VolunteerResolvers = {
  id: (volunteer: VolunteerRow) => volunteer.personId,
  person: (volunteer, _, ctx) => loadReferenced(ctx.loaders.person, volunteer.personId, 'person'),
  community: (volunteer, _, ctx) => ctx.loaders.region.load(volunteer.regionCode),

  /** Personal, like a phone: shown (and logged) to whoever may read the person's data, withheld otherwise. */
  async volunteerNumber(volunteer, _, ctx, info) {
    if (!volunteer.volunteerNumber) return null;
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    await ctx.auditTrail.record(volunteer.personId, 'volunteerNumber', operationName(info));
    return volunteer.volunteerNumber;
  },
};
