import { loadReferenced } from '@civic/shared';
import { referencedVeteran } from './Veteran';
import { oversees } from '../domain/access';
import type { ActivityAttendanceResolvers, VeteranActivityResolvers } from '../generated/resolvers';

export const VeteranActivity: VeteranActivityResolvers = {
  region: (a) => ({ code: a.regionCode }),
  team: (a, _, ctx) => loadReferenced(ctx.loaders.team, a.teamId, 'team'),
  partner: (a) => (a.partnerOrganizationId ? { id: a.partnerOrganizationId } : null),
  /** Who attended is personal: officers covering the activity's community only. */
  attendance: (a, _, ctx) => (oversees(ctx.identity, a.regionCode) ? ctx.loaders.activityAttendance.load(a.id) : null),
};

export const ActivityAttendance: ActivityAttendanceResolvers = {
  veteran: (a, _, ctx) => referencedVeteran(ctx, a.veteranId),
};
