import { addDays, badUserInput, chinaToday, notFound, type Write } from '@civic/shared';
import { decideCheckIn, decideCheckOut, decideClaim, decideNoShow, DutyRule, parseDateRange, planSlots } from '../domain/rota';
import { byHandRule, onDutyRule, stationStaffRule, unitMemberRule } from '../domain/writeRules';
import { dutySlotRepository, DutySlotRow } from '../repositories/dutySlots';
import { dutyRuleOf, stationRepository, StationRow } from '../repositories/stations';
import type { NeighbourStationsContext } from '../context';
import { refusal } from './errors';
import { stationInScope } from './scope';
import { refuseClosed } from './stations';

/**
 * The duty rota's writes, each in the write path's one transaction: the slot row is
 * locked first, so concurrent claims queue and the first wins; anything refused
 * changes nothing.
 */
export async function publishRota(w: Write, stationId: string, from: string, weeks: number, now = new Date()) {
  const range = parseDateRange(from, from, chinaToday(now));
  const { station, scope } = await stationInScope(w.tx, stationId);
  w.require(stationStaffRule, scope);
  refuseClosed(station, 'publishes no rota');
  const days = weeks * 7;
  const slots = dutySlotRepository(w.tx);
  await slots.publish(station.id, station.regionCode, planSlots(dutyRuleOf(station), range.from, days));
  return slots.ofStation(station.id, range.from, addDays(range.from, days - 1));
}

export async function setDutyRule(w: Write, stationId: string, rule: DutyRule): Promise<StationRow> {
  const { scope } = await stationInScope(w.tx, stationId);
  w.require(stationStaffRule, scope);
  return (await stationRepository(w.tx).setDutyRule(stationId, rule)) as StationRow;
}

export interface ClaimArgs {
  id: string;
  organizationId: string;
  onDutyPersonId: string | null;
}

/**
 * Claims a slot for a unit: the caller belongs to it (a recorded member) or is the
 * station's staff acting for it; whoever is named on duty must be a member.
 */
export async function claimSlot(w: Write, args: ClaimArgs, now = new Date()): Promise<DutySlotRow> {
  const slots = dutySlotRepository(w.tx);
  const slot = await slots.lock(args.id);
  if (!slot) throw notFound('no duty slot with this id');
  const { station, scope } = await stationInScope(w.tx, slot.stationId);
  const unit = await slots.unit(args.organizationId);
  if (!unit) throw notFound('the organization is not registered for station duty');
  const onDuty = args.onDutyPersonId ?? w.actor;
  const members = await slots.membersAmong(unit.organizationId, [w.actor, onDuty]);
  w.require(unitMemberRule, { station: scope, memberIds: members });
  refuseClosed(station, 'takes no duty');
  if (onDuty !== w.actor && !members.includes(onDuty)) {
    throw badUserInput('the person named on duty is not a member of the organisation', { argument: 'onDutyPersonId' });
  }
  const decision = decideClaim({ slot, unit, now, rule: dutyRuleOf(station), stationRegionCode: station.regionCode });
  if (decision === 'already') return slot;
  if (decision) throw refusal(decision);
  return slots.claim(slot.id, unit.organizationId, onDuty);
}

/**
 * A check-in or check-out. With a code, the person on duty scanned the station's
 * page (QR); without one, the station's staff record it by hand for the person on
 * duty. The person on duty who sends no code is asked for it rather than refused.
 */
export async function stampSlot(w: Write<NeighbourStationsContext>, id: string, what: 'in' | 'out', code: string | null, now = new Date()) {
  const slots = dutySlotRepository(w.tx);
  const slot = await slots.lock(id);
  if (!slot) throw notFound('no duty slot with this id');
  const { scope } = await stationInScope(w.tx, slot.stationId);
  if (code !== null) {
    w.require(onDutyRule, slot);
    w.ctx.checkInCodes.verify({ kind: 'STATION', id: slot.stationId }, code);
  } else {
    if (w.actor === slot.onDutyPersonId && !byHandRule.allows(w.identity, scope)) {
      throw badUserInput("scan the station's check-in code", { argument: 'code' });
    }
    w.require(byHandRule, scope);
    if (!slot.onDutyPersonId) throw refusal({ code: 'CONFLICT', message: 'nobody is on duty for this slot' });
  }
  const personId = code !== null ? w.actor : (slot.onDutyPersonId as string);
  const decision = (what === 'in' ? decideCheckIn : decideCheckOut)({ slot, personId, now });
  if (decision === 'already') return slot;
  if (decision) throw refusal(decision);
  return slots.stamp(slot.id, what, code !== null ? 'QR' : 'BY_HAND', w.actor);
}

/** The station's staff mark that the person on duty did not come, after the shift. */
export async function markNoShow(w: Write, id: string, now = new Date()) {
  const slots = dutySlotRepository(w.tx);
  const slot = await slots.lock(id);
  if (!slot) throw notFound('no duty slot with this id');
  const { scope } = await stationInScope(w.tx, slot.stationId);
  w.require(stationStaffRule, scope);
  const decision = decideNoShow({ slot, now });
  if (decision === 'already') return slot;
  if (decision) throw refusal(decision);
  return slots.markNoShow(slot.id, w.actor);
}
