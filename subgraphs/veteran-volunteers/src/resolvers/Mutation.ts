import type { EntityManager } from 'typeorm';
import { assertUuid, intIn, isoDate, requiredText, writePath, erasureWrite, ERASED_NAME } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import { overseesRule, placeStaffRule, veteranThemselfRule } from '../domain/access';
import type { AttendanceEntry } from '../domain/attendance';
import { activityRepository } from '../repositories/activities';
import { honourHallRepository } from '../repositories/honourHall';
import { shiftRepository } from '../repositories/shifts';
import { storyRepository } from '../repositories/stories';
import { joinTeam, leaveTeam } from '../services/teamMembership';
import { parseRegistration, registerVeteran } from '../services/registration';
import { veteranRepository } from '../repositories/veterans';
import { parseActivity, recordActivity, recordAttendance } from '../services/activities';
import { parseShift, scheduleShift } from '../services/shifts';
import { markShiftNoShow, signUp, stampActivity, stampShift } from '../services/checkIns';
import { setCheckpointHeadcount } from '../services/shifts';
import { addStory, parseStory, parseVisit, recordHallVisit } from '../services/archive';
import type {
  MutationAddVeteranStoryArgs,
  MutationMarkCheckpointShiftNoShowArgs,
  MutationRecordHonourHallVisitArgs,
  MutationRecordVeteranActivityArgs,
  MutationRegisterVeteranArgs,
  MutationResolvers,
  MutationScheduleCheckpointShiftArgs,
  MutationSetCheckpointHeadcountArgs,
  MutationSignUpForVeteranActivityArgs,
} from '../generated/resolvers';

/**
 * Every veteran write, declared once: a district officer or a city admin (the write
 * path refuses anyone else, anonymous callers UNAUTHENTICATED, before anything is
 * looked up), and only over the place concerned (overseesRule, applied by the
 * services inside the transaction). Records that are created take an optional key.
 */
const write = writePath<Ctx>({ subgraph: 'veteran-volunteers', dbSchema: 'veteran_volunteers' });
const OFFICERS = ['CITY_ADMIN', 'DISTRICT_OFFICER'] as const;
/** Veterans check in and sign up with VOLUNTEER tokens; a team's leader records by hand with one too. */
const PEOPLE = [...OFFICERS, 'VOLUNTEER'] as const;

/** The place's scanned code, or none when the staff record the step by hand. */
const codeOf = (code: string | null | undefined) => (code != null ? requiredText(code, 200, 'code') : null);
const shiftStamp = (args: { id: string; code?: string | null }) => ({ id: assertUuid(args.id), code: codeOf(args.code) });
const activityStamp = (args: { activityId: string; code?: string | null; veteranId?: string | null }) => ({
  activityId: assertUuid(args.activityId, 'activityId'),
  code: codeOf(args.code),
  veteranId: args.veteranId != null ? assertUuid(args.veteranId, 'veteranId').toLowerCase() : null,
});
const ALREADY = 'a step already taken is returned as it is';

type Ids = { teamId: string; veteranId: string };
const ids = (args: Ids) => ({ teamId: assertUuid(args.teamId, 'teamId'), veteranId: assertUuid(args.veteranId, 'veteranId') });
const byId =
  <Row>(find: (tx: EntityManager, ids: string[]) => Promise<Row[]>) =>
  async (tx: EntityManager, id: string) =>
    (await find(tx, [id]))[0];

export const writes = {
  // PIPL Art. 47: the directory's erasure of a person drops this subgraph's copies too (@civic/shared erasure.ts).
  eraseVeteranCopies: erasureWrite(write, [
    {
      name: 'eraseNarratorName',
      sql: `UPDATE veteran_volunteers.story s SET narrator = '${ERASED_NAME}',
          title = left(replace(s.title, s.narrator, '${ERASED_NAME}'), 200), body = left(replace(s.body, s.narrator, '${ERASED_NAME}'), 20000)
        FROM veteran_volunteers.veteran v WHERE v.id = s.narrator_veteran_id AND v.person_id = $1 AND s.narrator <> '${ERASED_NAME}'`,
    },
  ]),
  registerVeteran: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRegisterVeteranArgs) => parseRegistration(args.input),
    run: (w, args) => registerVeteran(w, args),
    result: { typename: 'Veteran', load: byId((tx, found) => veteranRepository(tx).findByIds(found)) },
  }),
  joinVeteranTeam: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a veteran is a current member of a team once: joining again is CONFLICT "already a member", never a second membership',
    parse: ids,
    run: (w, args) => joinTeam(w, args.teamId, args.veteranId),
  }),
  leaveVeteranTeam: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'leaving again finds no current membership (NOT_FOUND "not a current member"): nothing closes twice',
    parse: ids,
    run: (w, args) => leaveTeam(w, args.teamId, args.veteranId),
  }),
  recordVeteranActivity: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRecordVeteranActivityArgs) => parseActivity(args.input),
    run: (w, activity) => recordActivity(w, activity),
    result: { typename: 'VeteranActivity', load: byId((tx, found) => activityRepository(tx).findByIds(found)) },
  }),
  recordActivityAttendance: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'attendance is set per veteran: recording it again leaves the same rows',
    run: (w, args: { activityId: string; attendance: AttendanceEntry[] }) => recordAttendance(w, args.activityId, args.attendance),
  }),
  scheduleCheckpointShift: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationScheduleCheckpointShiftArgs) => parseShift(args),
    run: (w, shift) => scheduleShift(w, shift),
    result: { typename: 'CheckpointShift', load: byId((tx, found) => shiftRepository(tx).shiftsByIds(found)) },
  }),
  addVeteranStory: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationAddVeteranStoryArgs) =>
      parseStory({ ...args.input, collectedOn: args.input.collectedOn != null ? isoDate(args.input.collectedOn) : null }),
    run: (w, story) => addStory(w, story),
    result: { typename: 'VeteranStory', load: byId((tx, found) => storyRepository(tx).byIds(found)) },
  }),
  recordHonourHallVisit: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'optional',
    parse: (args: MutationRecordHonourHallVisitArgs) => parseVisit({ ...args.input, visitedOn: isoDate(args.input.visitedOn) }),
    run: (w, visit) => recordHallVisit(w, visit),
    result: { typename: 'HonourHallVisit', load: byId((tx, found) => honourHallRepository(tx).visitsByIds(found)) },
  }),
  checkInCheckpointShift: write.mutation({
    roles: PEOPLE,
    rules: [veteranThemselfRule, placeStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: shiftStamp,
    run: (w, args) => stampShift(w, args.id, 'in', args.code),
  }),
  checkOutCheckpointShift: write.mutation({
    roles: PEOPLE,
    rules: [veteranThemselfRule, placeStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: shiftStamp,
    run: (w, args) => stampShift(w, args.id, 'out', args.code),
  }),
  markCheckpointShiftNoShow: write.mutation({
    roles: PEOPLE,
    rules: [placeStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a shift marked already is returned as it is',
    parse: (args: MutationMarkCheckpointShiftNoShowArgs) => ({ id: assertUuid(args.id) }),
    run: (w, args) => markShiftNoShow(w, args.id),
  }),
  setCheckpointHeadcount: write.mutation({
    roles: OFFICERS,
    rules: [overseesRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'it sets the number: the same again leaves the checkpoint as it is',
    parse: (args: MutationSetCheckpointHeadcountArgs) => ({
      checkpointId: assertUuid(args.checkpointId, 'checkpointId'),
      headcount: intIn(args.headcount, 1, 100, 'headcount'),
    }),
    run: (w, args) => setCheckpointHeadcount(w, args.checkpointId, args.headcount),
  }),
  checkInVeteranActivity: write.mutation({
    roles: PEOPLE,
    rules: [veteranThemselfRule, placeStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: activityStamp,
    run: (w, args) => stampActivity(w, args, 'in'),
  }),
  checkOutVeteranActivity: write.mutation({
    roles: PEOPLE,
    rules: [veteranThemselfRule, placeStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: activityStamp,
    run: (w, args) => stampActivity(w, args, 'out'),
  }),
  signUpForVeteranActivity: write.mutation({
    roles: PEOPLE,
    rules: [veteranThemselfRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a veteran is signed up once: signing up again returns the activity',
    parse: (args: MutationSignUpForVeteranActivityArgs) => ({ activityId: assertUuid(args.activityId, 'activityId') }),
    run: (w, args) => signUp(w, args.activityId),
  }),
};

export const Mutation: MutationResolvers = write.resolvers(writes);
