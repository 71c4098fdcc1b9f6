import { referencedVeteran } from './Veteran';
import { dailyCoverage } from '../domain/coverage';
import { dayRange } from './args';
import { attendedHours, loadReferenced } from '@civic/shared';
import type { ActivityCheckInResolvers, CheckpointResolvers, CheckpointShiftResolvers, VeteranServiceDaysResolvers } from '../generated/resolvers';

export const Checkpoint: CheckpointResolvers = {
  region: (c) => ({ code: c.regionCode }),
  team: (c, _, ctx) => (c.teamId ? ctx.loaders.team.load(c.teamId) : null),

  /** Aggregate coverage names nobody, so it is public. */
  async coverage(c, args, ctx) {
    const range = dayRange(args.from, args.to);
    const shifts = await ctx.shifts.onCheckpoint(c.id, range.start, range.end);
    return dailyCoverage(c, shifts, range.from, range.to);
  },
};

const person = (id: string | null) => (id ? { id } : null);

/** A shift is shown to its veteran and the officers over them only (Veteran.shifts), so its check-in is too. */
export const CheckpointShift: CheckpointShiftResolvers = {
  checkpoint: (s, _, ctx) => loadReferenced(ctx.loaders.checkpoint, s.checkpointId, 'checkpoint'),
  veteran: (s, _, ctx) => referencedVeteran(ctx, s.veteranId),
  checkInRecordedBy: (s) => person(s.checkInBy),
  checkOutRecordedBy: (s) => person(s.checkOutBy),
  hours: (s) => attendedHours(s.checkedInAt, s.checkedOutAt),
  noShow: (s) => s.noShowMarkedAt !== null,
  headcount: async (s, _, ctx) => (await ctx.loaders.checkpoint.load(s.checkpointId))?.headcount ?? 1,
  signedUp: async (s, _, ctx) => (await ctx.loaders.shiftSignedUp.load(s.id))?.count ?? 0,
};

export const ActivityCheckIn: ActivityCheckInResolvers = {
  activity: (c, _, ctx) => loadReferenced(ctx.loaders.activity, c.activityId, 'activity'),
  veteran: (c, _, ctx) => referencedVeteran(ctx, c.veteranId),
  checkInRecordedBy: (c) => ({ id: c.checkInBy }),
  checkOutRecordedBy: (c) => person(c.checkOutBy),
  hours: async (c, _, ctx) => {
    const activity = await ctx.loaders.activity.load(c.activityId);
    return activity ? attendedHours(c.checkedInAt, c.checkedOutAt, activity) : null;
  },
};

export const VeteranServiceDays: VeteranServiceDaysResolvers = {
  veteran: (d, _, ctx) => referencedVeteran(ctx, d.veteranId),
};
