import { loadStationScope, NeighbourStationsContext } from '../context';
import { isStationStaff } from '../domain/access';
import { kindsForDate } from '../domain/rota';
import type { DutySlotRow } from '../repositories/dutySlots';
import { dutyRuleOf } from '../repositories/stations';
import { attendedHours } from '@civic/shared';

/** A person of the slot, shown to the person on duty and to station staff only (as onDuty is). */
async function shownPerson(slot: DutySlotRow, personId: string | null, ctx: NeighbourStationsContext) {
  if (!personId) return null;
  if (ctx.identity.sub !== null && ctx.identity.sub === slot.onDutyPersonId) return { id: personId };
  const scope = await loadStationScope(ctx, slot.stationId);
  return scope && isStationStaff(ctx.identity, scope) ? { id: personId } : null;
}

/** The rota is public (units pick from it); who is on duty is shown to them and the staff only. */
export const DutySlot = {
  station: (slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.station.load(slot.stationId),

  async unitKinds(slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) {
    const station = await ctx.loaders.station.load(slot.stationId);
    return station ? kindsForDate(dutyRuleOf(station), slot.date) : [];
  },

  claimedBy: (slot: DutySlotRow) => (slot.claimedBy ? { id: slot.claimedBy } : null),

  onDuty: (slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) => shownPerson(slot, slot.onDutyPersonId, ctx),
  checkInRecordedBy: (slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) => shownPerson(slot, slot.checkInBy, ctx),
  checkOutRecordedBy: (slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) => shownPerson(slot, slot.checkOutBy, ctx),
  hours: (slot: DutySlotRow) => attendedHours(slot.checkedInAt, slot.checkedOutAt),
  noShow: (slot: DutySlotRow) => slot.noShowMarkedAt !== null,
};
