import { assertUuid, intIn, notFound, type Write } from '@civic/shared';
import { overseesRule } from '../domain/access';
import { AttendanceEntry, validateAttendance } from '../domain/attendance';
import { assertCommunityCode } from '../domain/place';
import { optionalText, requiredText } from '../domain/text';
import { assertInterval } from '../domain/time';
import { activityRepository, ActivityKind, ActivityRow } from '../repositories/activities';
import { teamRepository } from '../repositories/teams';

export interface RecordActivityInput {
  teamId: string;
  title: string;
  kind: ActivityKind;
  startsAt: Date;
  endsAt: Date;
  place?: string | null;
  regionCode?: string | null;
  partnerOrganizationId?: string | null;
  headcount?: number | null;
}

/** Checked whole before the transaction, so bad input never reaches SQL. */
export function parseActivity(input: RecordActivityInput) {
  assertInterval(input.startsAt, input.endsAt);
  return {
    teamId: assertUuid(input.teamId, 'input.teamId'),
    title: requiredText(input.title, 'input.title', 200),
    kind: input.kind,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: optionalText(input.place, 'input.place', 200),
    regionCode: input.regionCode != null ? assertCommunityCode(input.regionCode, 'input.regionCode') : null,
    // The directory owns organisations; this subgraph cannot see its tables, so the id is kept as given.
    partnerOrganizationId: input.partnerOrganizationId != null ? assertUuid(input.partnerOrganizationId, 'input.partnerOrganizationId') : null,
    headcount: input.headcount != null ? intIn(input.headcount, 1, 10_000, 'input.headcount') : null,
  };
}

export async function recordActivity(w: Write, activity: ReturnType<typeof parseActivity>): Promise<ActivityRow> {
  const [team] = await teamRepository(w.tx).findByIds([activity.teamId]);
  if (!team) throw notFound(`no veteran team has id ${activity.teamId}`);
  const regionCode = activity.regionCode ?? team.regionCode;
  w.require(overseesRule, { regionCode });
  const activities = activityRepository(w.tx);
  const id = await activities.insert({ ...activity, regionCode });
  const [row] = await activities.findByIds([id]);
  return row;
}

/** Records or corrects attendance; any unknown veteran and nothing is written. */
export async function recordAttendance(w: Write, activityId: string, entries: AttendanceEntry[]): Promise<ActivityRow> {
  const id = assertUuid(activityId, 'activityId');
  const activities = activityRepository(w.tx);
  const activity = await activities.lock(id);
  if (!activity) throw notFound(`no activity has id ${id}`);
  w.require(overseesRule, activity);
  const attendance = validateAttendance(entries, activity);
  const known = await activities.existingVeterans(attendance.map((a) => a.veteranId));
  const unknown = attendance.find((a) => !known.has(a.veteranId));
  if (unknown) throw notFound(`no veteran has id ${unknown.veteranId}`);
  if (attendance.length) await activities.upsertAttendance(id, attendance);
  const [row] = await activities.findByIds([id]);
  return row;
}
