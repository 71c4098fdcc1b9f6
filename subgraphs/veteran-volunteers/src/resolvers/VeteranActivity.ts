import type { VeteranVolunteersContext as Ctx } from '../context';
import { loadVeteran } from './Veteran';
import type { ActivityRow, AttendanceRow } from '../repositories/activities';
import { oversees } from '../domain/access';

export const VeteranActivity = {
  region: (a: ActivityRow) => ({ code: a.regionCode }),
  team: (a: ActivityRow, _: unknown, ctx: Ctx) => ctx.loaders.team.load(a.teamId),
  partner: (a: ActivityRow) => (a.partnerOrganizationId ? { id: a.partnerOrganizationId } : null),
  /** Who attended is personal: officers covering the activity's community only. */
  attendance: (a: ActivityRow, _: unknown, ctx: Ctx) =>
    oversees(ctx.identity, a.regionCode) ? ctx.loaders.activityAttendance.load(a.id) : null,
};

export const ActivityAttendance = {
  veteran: (a: AttendanceRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, a.veteranId),
};
