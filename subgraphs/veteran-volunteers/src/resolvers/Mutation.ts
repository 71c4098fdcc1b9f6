import type { VeteranVolunteersContext as Ctx } from '../context';
import { assertOfficer } from '../domain/access';
import type { AttendanceEntry } from '../domain/attendance';
import { joinTeam, leaveTeam } from '../services/teamMembership';
import { recordActivity, RecordActivityInput, recordAttendance } from '../services/activities';
import { scheduleShift } from '../services/shifts';
import { addStory, AddStoryInput, recordHallVisit, RecordVisitInput } from '../services/archive';
import { isoDate } from '@civic/shared';
import { assertUuid } from '@civic/shared';

type Ids = { teamId: string; veteranId: string };

/** Every write: the caller's role first (before anything is looked up), then the service. */
export const Mutation = {
  joinVeteranTeam(_: unknown, args: Ids, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return joinTeam(ctx.db, ctx.identity, assertUuid(args.teamId, 'teamId'), assertUuid(args.veteranId, 'veteranId'));
  },
  leaveVeteranTeam(_: unknown, args: Ids, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return leaveTeam(ctx.db, ctx.identity, assertUuid(args.teamId, 'teamId'), assertUuid(args.veteranId, 'veteranId'));
  },
  recordVeteranActivity(_: unknown, args: { input: RecordActivityInput }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return recordActivity(ctx.db, ctx.identity, args.input);
  },
  recordActivityAttendance(_: unknown, args: { activityId: string; attendance: AttendanceEntry[] }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return recordAttendance(ctx.db, ctx.identity, args.activityId, args.attendance);
  },
  scheduleCheckpointShift(_: unknown, args: { checkpointId: string; veteranId: string; startsAt: Date; endsAt: Date }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return scheduleShift(ctx.db, ctx.identity, args);
  },
  addVeteranStory(_: unknown, args: { input: AddStoryInput & { collectedOn?: Date | string | null } }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    const { collectedOn } = args.input;
    return addStory(ctx.db, ctx.identity, { ...args.input, collectedOn: collectedOn != null ? isoDate(collectedOn) : null });
  },
  recordHonourHallVisit(_: unknown, args: { input: Omit<RecordVisitInput, 'visitedOn'> & { visitedOn: Date | string } }, ctx: Ctx) {
    assertOfficer(ctx.identity);
    return recordHallVisit(ctx.db, ctx.identity, { ...args.input, visitedOn: isoDate(args.input.visitedOn) });
  },
};
