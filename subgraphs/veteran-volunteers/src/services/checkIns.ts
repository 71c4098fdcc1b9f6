import { attendedHours, badUserInput, civicError, conflict, decideNoShow, decideStamp, notFound, type AttendanceDecision, type Write } from '@civic/shared';
import type { VeteranVolunteersContext as Ctx } from '../context';
import { isPlaceStaff, placeStaffRule, veteranThemselfRule } from '../domain/access';
import { activityRepository } from '../repositories/activities';
import { checkInRepository, type ActivityCheckInRow, type PlaceStaff } from '../repositories/checkIns';
import { veteranRepository } from '../repositories/veterans';

/**
 * Checking in to a checkpoint shift or a veteran activity (README "Checking in"):
 * with the place's code the veteran checks in for themself (QR); without one, the
 * place's staff (the officers over it, its team's leader) record it by hand. The
 * rules of the times are @civic/shared's, the same as at the stations.
 */
type Method = 'QR' | 'BY_HAND';

/** Who records this step and how: the code is verified, or the staff rule applied. */
function howRecorded(w: Write<Ctx>, place: PlaceStaff, code: string | null, verify: () => void, veteranPersonId: string): Method {
  if (code !== null) {
    w.require(veteranThemselfRule, { personId: veteranPersonId });
    verify();
    return 'QR';
  }
  if (w.actor === veteranPersonId.toLowerCase() && !isPlaceStaff(w.identity, place)) {
    throw badUserInput('scan the check-in code the page shows', { argument: 'code' });
  }
  w.require(placeStaffRule, place);
  return 'BY_HAND';
}

function refuse(decision: Exclude<AttendanceDecision, null | 'already'>): never {
  throw civicError(decision.code, decision.message);
}

export async function stampShift(w: Write<Ctx>, id: string, what: 'in' | 'out', code: string | null, now = new Date()) {
  const checkIns = checkInRepository(w.tx);
  const place = await checkIns.shiftPlace(id, true);
  if (!place) throw notFound(`no checkpoint shift has id ${id}`);
  const method = howRecorded(w, place, code, () => w.ctx.checkInCodes.verify({ kind: 'SHIFT', id }, code as string), place.veteranPersonId);
  const decision = decideStamp(what, place.shift, now);
  if (decision === 'already') return place.shift;
  if (decision) refuse(decision);
  return checkIns.stampShift(id, what, method, w.actor);
}

/** The staff mark that the veteran on a shift did not come, after it. */
export async function markShiftNoShow(w: Write<Ctx>, id: string, now = new Date()) {
  const checkIns = checkInRepository(w.tx);
  const place = await checkIns.shiftPlace(id, true);
  if (!place) throw notFound(`no checkpoint shift has id ${id}`);
  w.require(placeStaffRule, place);
  const decision = decideNoShow(place.shift, now);
  if (decision === 'already') return place.shift;
  if (decision) refuse(decision);
  return checkIns.markShiftNoShow(id, w.actor);
}

export interface ActivityStampArgs {
  activityId: string;
  code: string | null;
  /** whom the staff check in by hand; with a code, the caller's own record */
  veteranId: string | null;
}

/**
 * A veteran's check-in or check-out at an activity. The check-out turns the two
 * times into the veteran's attendance there (hours inside the activity), as an
 * officer would record it; nothing is recorded for a stay wholly outside it.
 */
export async function stampActivity(w: Write<Ctx>, args: ActivityStampArgs, what: 'in' | 'out', now = new Date()) {
  const checkIns = checkInRepository(w.tx);
  const place = await checkIns.activityPlace(args.activityId, true);
  if (!place) throw notFound(`no activity has id ${args.activityId}`);
  const veteran = await whoChecksIn(w, place, args);
  const method = howRecorded(w, place, args.code, () => w.ctx.checkInCodes.verify({ kind: 'ACTIVITY', id: place.id }, args.code as string), veteran.personId);
  const current = await checkIns.activityCheckIn(place.id, veteran.id);
  const times = { startsAt: place.startsAt, endsAt: place.endsAt, checkedInAt: current?.checkedInAt ?? null, checkedOutAt: current?.checkedOutAt ?? null };
  const decision = decideStamp(what, times, now);
  if (decision === 'already') return current as ActivityCheckInRow;
  if (decision) refuse(decision);
  if (what === 'in') return checkIns.checkInToActivity(place.id, veteran.id, method, w.actor);
  const out = await checkIns.checkOutOfActivity(place.id, veteran.id, method, w.actor);
  const hours = attendedHours(out.checkedInAt, out.checkedOutAt, place);
  if (hours) await activityRepository(w.tx).upsertAttendance(place.id, [{ veteranId: veteran.id, hours: Math.min(hours, 24) }]);
  return out;
}

/** With a code, the caller's own veteran record; by hand, the veteran the staff name. */
async function whoChecksIn(w: Write<Ctx>, place: PlaceStaff, args: ActivityStampArgs) {
  const veterans = veteranRepository(w.tx);
  if (args.code !== null) {
    const own = await veterans.findByPersonId(w.actor);
    w.require(veteranThemselfRule, { personId: own?.personId ?? '' });
    if (args.veteranId && args.veteranId !== own!.id) throw badUserInput('with a code, a veteran checks in for themself', { argument: 'veteranId' });
    return own!;
  }
  if (!args.veteranId) {
    // The veteran without a code is asked for it; the staff name whom they check in.
    if (!isPlaceStaff(w.identity, place)) throw badUserInput('scan the check-in code the page shows', { argument: 'code' });
    throw badUserInput('name the veteran checked in by hand', { argument: 'veteranId' });
  }
  const [named] = await veterans.findByIds([args.veteranId]);
  if (!named) throw notFound(`no veteran has id ${args.veteranId}`);
  return named;
}

/** A veteran signs up for an activity before it starts, while it needs more; signing up again returns it. */
export async function signUp(w: Write<Ctx>, activityId: string, now = new Date()) {
  const checkIns = checkInRepository(w.tx);
  const place = await checkIns.activityPlace(activityId, true);
  if (!place) throw notFound(`no activity has id ${activityId}`);
  const veteran = await veteranRepository(w.tx).findByPersonId(w.actor);
  w.require(veteranThemselfRule, { personId: veteran?.personId ?? '' });
  if (!(await checkIns.isSignedUp(place.id, veteran!.id))) {
    if (place.startsAt <= now) throw conflict('sign-up closes when the activity starts');
    if (place.headcount !== null && (await checkIns.signedUpCount(place.id)) >= place.headcount) {
      throw conflict(`the activity has the ${place.headcount} veterans it needs`);
    }
    await checkIns.signUp(place.id, veteran!.id);
  }
  return (await activityRepository(w.tx).findByIds([place.id]))[0];
}
