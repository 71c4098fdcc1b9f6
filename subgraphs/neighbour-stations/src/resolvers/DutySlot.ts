import { loadStationScope, NeighbourStationsContext } from '../context';
import { isStationStaff } from '../domain/access';
import { kindsForDate } from '../domain/rota';
import type { DutySlotRow } from '../repositories/dutySlots';
import { dutyRuleOf } from '../repositories/stations';
import { attendedHours, loadReferenced } from '@civic/shared';
import type { DutySlotResolvers } from '../generated/resolvers';

/** A person of the slot, shown to the person on duty and to station staff only (as onDuty is). */
async function shownPerson(slot: DutySlotRow, personId: string | null, ctx: NeighbourStationsContext) {
  if (!personId) return null;
  if (ctx.identity.sub !== null && ctx.identity.sub === slot.onDutyPersonId) return { id: personId };
  const scope = await loadStationScope(ctx, slot.stationId);
  return scope && isStationStaff(ctx.identity, scope) ? { id: personId } : null;
}

/** The rota is public (units pick from it); who is on duty is shown to them and the staff only. */
export const DutySlot: DutySlotResolvers = {
  station: (slot, _, ctx) => loadReferenced(ctx.loaders.station, slot.stationId, 'station'),

  async unitKinds(slot, _, ctx) {
    const station = await ctx.loaders.station.load(slot.stationId);
    return station ? kindsForDate(dutyRuleOf(station), slot.date) : [];
  },

  claimedBy: (slot) => (slot.claimedBy ? { id: slot.claimedBy } : null),

  onDuty: (slot, _, ctx) => shownPerson(slot, slot.onDutyPersonId, ctx),
  checkInRecordedBy: (slot, _, ctx) => shownPerson(slot, slot.checkInBy, ctx),
  checkOutRecordedBy: (slot, _, ctx) => shownPerson(slot, slot.checkOutBy, ctx),
  hours: (slot) => attendedHours(slot.checkedInAt, slot.checkedOutAt),
  noShow: (slot) => slot.noShowMarkedAt !== null,
};
