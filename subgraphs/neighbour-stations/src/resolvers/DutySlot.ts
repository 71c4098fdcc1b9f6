import { loadStationScope, NeighbourStationsContext } from '../context';
import { isStationStaff } from '../domain/access';
import { kindsForDate } from '../domain/rota';
import type { DutySlotRow } from '../repositories/dutySlots';
import { dutyRuleOf } from '../repositories/stations';

/** The rota is public (units pick from it); who is on duty is shown to them and the staff only. */
export const DutySlot = {
  station: (slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) => ctx.loaders.station.load(slot.stationId),

  async unitKinds(slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) {
    const station = await ctx.loaders.station.load(slot.stationId);
    return station ? kindsForDate(dutyRuleOf(station), slot.date) : [];
  },

  claimedBy: (slot: DutySlotRow) => (slot.claimedBy ? { id: slot.claimedBy } : null),

  async onDuty(slot: DutySlotRow, _: unknown, ctx: NeighbourStationsContext) {
    if (!slot.onDutyPersonId) return null;
    if (ctx.identity.sub === slot.onDutyPersonId) return { id: slot.onDutyPersonId };
    const scope = await loadStationScope(ctx, slot.stationId);
    return scope && isStationStaff(ctx.identity, scope) ? { id: slot.onDutyPersonId } : null;
  },
};
