import { loadReferenced, operationName } from '@civic/shared';
import type { Volunteer as VolunteerRow } from '../entities/Volunteer';
import { mayReadPersonalData } from '../domain/access';
import type { VolunteerResolvers } from '../generated/resolvers';

export const Volunteer: VolunteerResolvers = {
  id: (volunteer: VolunteerRow) => volunteer.personId,
  person: (volunteer, _, ctx) => loadReferenced(ctx.loaders.person, volunteer.personId, 'person'),
  community: (volunteer, _, ctx) => ctx.loaders.region.load(volunteer.regionCode),

  /**
   * The national number when one is recorded, else the graph's own. Personal, like a
   * phone: shown (and logged) to whoever may read the person's data, withheld otherwise.
   */
  async volunteerNumber(volunteer, _, ctx, info) {
    const number = volunteer.volunteerNumber ?? volunteer.graphNumber;
    if (!number || !mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    await ctx.auditTrail.record(volunteer.personId, 'volunteerNumber', operationName(info));
    return number;
  },

  /** The volunteer's own record, shown as their personal data is. */
  hoursCertificates(volunteer, _, ctx) {
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    return ctx.loaders.certificates.load(volunteer.personId);
  },

  /** Which kind `volunteerNumber` is; null exactly when it is. */
  volunteerNumberKind(volunteer, _, ctx) {
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    if (volunteer.volunteerNumber) return 'NATIONAL';
    return volunteer.graphNumber ? 'GRAPH' : null;
  },
};
