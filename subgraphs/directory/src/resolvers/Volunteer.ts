import type { GraphQLResolveInfo } from 'graphql';
import { operationName } from '@civic/shared';
import type { DirectoryContext } from '../context';
import type { Volunteer as VolunteerRow } from '../entities/Volunteer';
import { mayReadPersonalData } from '../domain/access';

export const Volunteer = {
  id: (volunteer: VolunteerRow) => volunteer.personId,
  person: (volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.person.load(volunteer.personId),
  community: (volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) => ctx.loaders.region.load(volunteer.regionCode),

  /**
   * The national number when one is recorded, else the graph's own. Personal, like a
   * phone: shown (and logged) to whoever may read the person's data, withheld otherwise.
   */
  async volunteerNumber(volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext, info: GraphQLResolveInfo) {
    const number = volunteer.volunteerNumber ?? volunteer.graphNumber;
    if (!number || !mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    await ctx.auditTrail.record(volunteer.personId, 'volunteerNumber', operationName(info));
    return number;
  },

  /** The volunteer's own record, shown as their personal data is. */
  hoursCertificates(volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) {
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    return ctx.loaders.certificates.load(volunteer.personId);
  },

  /** Which kind `volunteerNumber` is; null exactly when it is. */
  volunteerNumberKind(volunteer: VolunteerRow, _: unknown, ctx: DirectoryContext) {
    if (!mayReadPersonalData(ctx.identity, { id: volunteer.personId, regionCode: volunteer.regionCode })) return null;
    if (volunteer.volunteerNumber) return 'NATIONAL';
    return volunteer.graphNumber ? 'GRAPH' : null;
  },
};
