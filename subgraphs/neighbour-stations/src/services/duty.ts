import type { DataSource } from 'typeorm';
import { forbidden, Identity, notFound, unauthenticated } from '@civic/shared';
import { isStationStaff, mayClaimDuty } from '../domain/access';
import { addDays, chinaToday } from '@civic/shared';
import { decideCheckIn, decideCheckOut, decideClaim, DutyRule, parseDateRange, planSlots } from '../domain/rota';
import { dutySlotRepository, DutySlotRow } from '../repositories/dutySlots';
import { dutyRuleOf, stationRepository, StationRow } from '../repositories/stations';
import { refusal } from './errors';
import { stationInScope } from './scope';

/**
 * The duty rota's writes. Each runs in one transaction: the slot row is locked
 * first, so concurrent claims queue and the first wins; anything refused
 * changes nothing.
 */
function requireSignIn(identity: Identity): string {
  if (!identity.sub) throw unauthenticated('sign in to do this');
  return identity.sub;
}

export async function publishRota(db: DataSource, identity: Identity, stationId: string, from: string, weeks: number, now = new Date()) {
  requireSignIn(identity);
  const range = parseDateRange(from, from, chinaToday(now));
  return db.transaction(async (tx) => {
    const { station, scope } = await stationInScope(tx, stationId);
    if (!isStationStaff(identity, scope)) throw forbidden("only the station's staff publish its rota");
    const days = weeks * 7;
    const slots = dutySlotRepository(tx);
    await slots.publish(station.id, station.regionCode, planSlots(dutyRuleOf(station), range.from, days));
    return slots.ofStation(station.id, range.from, addDays(range.from, days - 1));
  });
}

export async function setDutyRule(db: DataSource, identity: Identity, stationId: string, rule: DutyRule): Promise<StationRow> {
  requireSignIn(identity);
  return db.transaction(async (tx) => {
    const { scope } = await stationInScope(tx, stationId);
    if (!isStationStaff(identity, scope)) throw forbidden("only the station's staff set its duty rule");
    return (await stationRepository(tx).setDutyRule(stationId, rule)) as StationRow;
  });
}

export interface ClaimArgs {
  id: string;
  organizationId: string;
  onDutyPersonId: string | null;
}

export async function claimSlot(db: DataSource, identity: Identity, args: ClaimArgs, now = new Date()): Promise<DutySlotRow> {
  const sub = requireSignIn(identity);
  return db.transaction(async (tx) => {
    const slots = dutySlotRepository(tx);
    const slot = await slots.lock(args.id);
    if (!slot) throw notFound('no duty slot with this id');
    const { station, scope } = await stationInScope(tx, slot.stationId);
    if (!mayClaimDuty(identity, scope)) throw forbidden("claiming duty needs a role in the station's region");
    const unit = await slots.unit(args.organizationId);
    if (!unit) throw notFound('the organization is not registered for station duty');
    const decision = decideClaim({ slot, unit, now, rule: dutyRuleOf(station), stationRegionCode: station.regionCode });
    if (decision === 'already') return slot;
    if (decision) throw refusal(decision);
    return slots.claim(slot.id, unit.organizationId, args.onDutyPersonId ?? sub);
  });
}

export async function stampSlot(db: DataSource, identity: Identity, id: string, what: 'in' | 'out', now = new Date()) {
  const personId = requireSignIn(identity);
  return db.transaction(async (tx) => {
    const slots = dutySlotRepository(tx);
    const slot = await slots.lock(id);
    if (!slot) throw notFound('no duty slot with this id');
    const decision = (what === 'in' ? decideCheckIn : decideCheckOut)({ slot, personId, now });
    if (decision === 'already') return slot;
    if (decision) throw refusal(decision);
    return slots.stamp(slot.id, what === 'in' ? 'checked_in_at' : 'checked_out_at');
  });
}
