import type { DataSource } from 'typeorm';
import { assertUuid, Identity, notFound } from '@civic/shared';
import { assertOversees } from '../domain/access';
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
}

/** Checked whole before the transaction, so bad input never reaches SQL. */
function validate(input: RecordActivityInput) {
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
  };
}

export function recordActivity(db: DataSource, identity: Identity, input: RecordActivityInput): Promise<ActivityRow> {
  const activity = validate(input);
  return db.transaction(async (tx) => {
    const [team] = await teamRepository(tx).findByIds([activity.teamId]);
    if (!team) throw notFound(`no veteran team has id ${activity.teamId}`);
    const regionCode = activity.regionCode ?? team.regionCode;
    assertOversees(identity, regionCode);
    const activities = activityRepository(tx);
    const id = await activities.insert({ ...activity, regionCode });
    const [row] = await activities.findByIds([id]);
    return row;
  });
}

/** Records or corrects attendance; any unknown veteran and nothing is written. */
export function recordAttendance(db: DataSource, identity: Identity, activityId: string, entries: AttendanceEntry[]): Promise<ActivityRow> {
  const id = assertUuid(activityId, 'activityId');
  return db.transaction(async (tx) => {
    const activities = activityRepository(tx);
    const activity = await activities.lock(id);
    if (!activity) throw notFound(`no activity has id ${id}`);
    assertOversees(identity, activity.regionCode);
    const attendance = validateAttendance(entries, activity);
    const known = await activities.existingVeterans(attendance.map((a) => a.veteranId));
    const unknown = attendance.find((a) => !known.has(a.veteranId));
    if (unknown) throw notFound(`no veteran has id ${unknown.veteranId}`);
    if (attendance.length) await activities.upsertAttendance(id, attendance);
    const [row] = await activities.findByIds([id]);
    return row;
  });
}
