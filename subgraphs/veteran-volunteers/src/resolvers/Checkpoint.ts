import type { VeteranVolunteersContext as Ctx } from '../context';
import { loadVeteran } from './Veteran';
import type { CheckpointRow, ServiceDaysRow, ShiftRow } from '../repositories/shifts';
import { dailyCoverage } from '../domain/coverage';
import { dayRange } from './args';
import { attendedHours } from '@civic/shared';
import type { ActivityCheckInRow } from '../repositories/checkIns';

export const Checkpoint = {
  region: (c: CheckpointRow) => ({ code: c.regionCode }),
  team: (c: CheckpointRow, _: unknown, ctx: Ctx) => (c.teamId ? ctx.loaders.team.load(c.teamId) : null),

  /** Aggregate coverage names nobody, so it is public. */
  async coverage(c: CheckpointRow, args: { from: Date; to: Date }, ctx: Ctx) {
    const range = dayRange(args.from, args.to);
    const shifts = await ctx.shifts.onCheckpoint(c.id, range.start, range.end);
    return dailyCoverage(c, shifts, range.from, range.to);
  },
};

const person = (id: string | null) => (id ? { id } : null);

/** A shift is shown to its veteran and the officers over them only (Veteran.shifts), so its check-in is too. */
export const CheckpointShift = {
  checkpoint: (s: ShiftRow, _: unknown, ctx: Ctx) => ctx.loaders.checkpoint.load(s.checkpointId),
  veteran: (s: ShiftRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, s.veteranId),
  checkInRecordedBy: (s: ShiftRow) => person(s.checkInBy),
  checkOutRecordedBy: (s: ShiftRow) => person(s.checkOutBy),
  hours: (s: ShiftRow) => attendedHours(s.checkedInAt, s.checkedOutAt),
  noShow: (s: ShiftRow) => s.noShowMarkedAt !== null,
  headcount: async (s: ShiftRow, _: unknown, ctx: Ctx) => (await ctx.loaders.checkpoint.load(s.checkpointId))?.headcount ?? 1,
  signedUp: async (s: ShiftRow, _: unknown, ctx: Ctx) => (await ctx.loaders.shiftSignedUp.load(s.id))?.count ?? 0,
};

export const ActivityCheckIn = {
  activity: (c: ActivityCheckInRow, _: unknown, ctx: Ctx) => ctx.loaders.activity.load(c.activityId),
  veteran: (c: ActivityCheckInRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, c.veteranId),
  checkInRecordedBy: (c: ActivityCheckInRow) => person(c.checkInBy),
  checkOutRecordedBy: (c: ActivityCheckInRow) => person(c.checkOutBy),
  hours: async (c: ActivityCheckInRow, _: unknown, ctx: Ctx) => {
    const activity = await ctx.loaders.activity.load(c.activityId);
    return activity ? attendedHours(c.checkedInAt, c.checkedOutAt, activity) : null;
  },
};

export const VeteranServiceDays = {
  veteran: (d: ServiceDaysRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, d.veteranId),
};
