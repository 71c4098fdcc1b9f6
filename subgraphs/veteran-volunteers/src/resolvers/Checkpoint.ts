import type { VeteranVolunteersContext as Ctx } from '../context';
import { loadVeteran } from './Veteran';
import type { CheckpointRow, ServiceDaysRow, ShiftRow } from '../repositories/shifts';
import { dailyCoverage } from '../domain/coverage';
import { dayRange } from './args';

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

export const CheckpointShift = {
  checkpoint: (s: ShiftRow, _: unknown, ctx: Ctx) => ctx.loaders.checkpoint.load(s.checkpointId),
  veteran: (s: ShiftRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, s.veteranId),
};

export const VeteranServiceDays = {
  veteran: (d: ServiceDaysRow, _: unknown, ctx: Ctx) => loadVeteran(ctx, d.veteranId),
};
