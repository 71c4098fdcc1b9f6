import type { EntityManager } from 'typeorm';
import { assertUuid, intIn, isoDate, optionalText, requiredText, writePath, erasureWrite } from '@civic/shared';
import type { NeighbourStationsContext } from '../context';
import { parseDutyRule } from '../domain/rota';
import { parseStationLocation } from '../domain/geo';
import type { OpeningDay } from '../domain/openingHours';
import {
  parseAmenities,
  parseCreateStation,
  parseEightHaves,
  parseHelps,
  parseSchedule,
  parseStationProfile,
  type EvidenceInput,
  type StationProfileInput,
} from '../domain/stationInput';
import type { Amenity, HelpKind } from '../domain/vocabulary';
import { byHandRule, onDutyRule, orderStepRule, stationRegionRule, stationStaffRule, unitMemberRule } from '../domain/writeRules';
import { orderRepository } from '../repositories/orders';
import { claimSlot, markNoShow, publishRota, setDutyRule, stampSlot } from '../services/duty';
import { placeOrder, transitionOrder } from '../services/orders';
import { closeStation, createStation, updateStation } from '../services/stations';
import { stationRepository } from '../repositories/stations';
import type {
  MutationClaimDutySlotArgs,
  MutationCloseStationArgs,
  MutationCreateStationArgs,
  MutationDispatchStationOrderArgs,
  MutationPlaceStationOrderArgs,
  MutationPublishDutyRotaArgs,
  MutationRateStationOrderArgs,
  MutationResolvers,
  MutationSetDutyRuleArgs,
} from '../generated/resolvers';

/**
 * The stations' mutations, each declared once: who may act at all (the write path
 * refuses anyone else before anything is looked up), the rules the services apply
 * with the station's data, and the idempotency key.
 */
const write = writePath<NeighbourStationsContext>({ subgraph: 'neighbour-stations', dbSchema: 'neighbour_stations' });

const STAFF = ['CITY_ADMIN', 'DISTRICT_OFFICER', 'STATION_MANAGER'] as const;
/** Residents act with a VOLUNTEER token, as in elder care; analysts and partners never write here. */
const PEOPLE = [...STAFF, 'VOLUNTEER'] as const;

/** Who opens and closes stations: city administrators, and district officers within their region. */
const OFFICERS = ['CITY_ADMIN', 'DISTRICT_OFFICER'] as const;

const id = (args: { id: string }) => ({ id: assertUuid(args.id) });
/** A check-in or check-out: the station's scanned code, or none when the staff record it by hand. */
const stamp = (args: { id: string; code?: string | null }) => ({
  id: assertUuid(args.id),
  code: args.code != null ? requiredText(args.code, 200, 'code') : null,
});
const ALREADY = 'a repeated step finds it already taken and returns it';
const SETS = 'it sets the value: the same change again leaves the station as it is';

/** A change to one station by its staff (the station registry, issue 14): naturally idempotent, it sets what it names. */
function stationChange<Args extends { id: string }>(parse: (args: Args) => Parameters<typeof updateStation>[2]) {
  return write.mutation({
    roles: STAFF,
    rules: [stationStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: SETS,
    parse: (args: Args) => ({ id: assertUuid(args.id), change: parse(args) }),
    run: (w, args) => updateStation(w, args.id, args.change),
  });
}

export const writes = {
  // PIPL Art. 47: the directory's erasure of a person drops this subgraph's copies too (@civic/shared erasure.ts).
  eraseStationCopies: erasureWrite(write, [
    { name: 'eraseOrderNotes', sql: 'UPDATE neighbour_stations.station_order SET note = NULL WHERE resident_id = $1 AND note IS NOT NULL' },
  ]),
  createStation: write.mutation({
    roles: OFFICERS,
    rules: [stationRegionRule],
    idempotencyKey: 'optional',
    parse: (args: MutationCreateStationArgs) => parseCreateStation(args.input),
    run: (w, station) => createStation(w, station),
    result: {
      typename: 'Station',
      load: async (tx: EntityManager, stationId: string) => (await stationRepository(tx).findByIds([stationId]))[0],
    },
  }),
  updateStationProfile: stationChange((args: { id: string; input: StationProfileInput }) => parseStationProfile(args.input)),
  setStationLocation: stationChange((args: { id: string; latitude: number; longitude: number }) => parseStationLocation(args.latitude, args.longitude)),
  setStationOpeningHours: stationChange((args: { id: string; openingHours: OpeningDay[] }) => {
    const { schedule, text } = parseSchedule(args.openingHours, 'openingHours');
    return { openingSchedule: schedule, openingHours: text };
  }),
  setStationAmenities: stationChange((args: { id: string; amenities: Amenity[] }) => ({ amenities: parseAmenities(args.amenities) })),
  setStationHelps: stationChange((args: { id: string; helps: HelpKind[] }) => ({ helps: parseHelps(args.helps) })),
  setStationOperator: stationChange((args: { id: string; operatorId?: string | null }) => ({
    operatorId: args.operatorId != null ? assertUuid(args.operatorId, 'operatorId').toLowerCase() : null,
  })),
  setStationEightHaves: stationChange((args: { id: string; haves: EvidenceInput[] }) => ({ eightHaves: parseEightHaves(args.haves) })),
  closeStation: write.mutation({
    roles: OFFICERS,
    rules: [stationStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'closing a closed station returns it as it is',
    parse: (args: MutationCloseStationArgs) => ({ id: assertUuid(args.id), closedOn: args.closedOn != null ? isoDate(args.closedOn) : null }),
    run: (w, args) => closeStation(w, args.id, args.closedOn),
  }),

  publishDutyRota: write.mutation({
    roles: STAFF,
    rules: [stationStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'slots are one per station, date and half: publishing again keeps those already there',
    parse: (args: MutationPublishDutyRotaArgs) => ({
      stationId: assertUuid(args.stationId, 'stationId'),
      from: isoDate(args.from),
      weeks: intIn(args.weeks ?? 4, 1, 12, 'weeks'),
    }),
    run: (w, args) => publishRota(w, args.stationId, args.from, args.weeks),
  }),

  setDutyRule: write.mutation({
    roles: STAFF,
    rules: [stationStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'it sets the rule: the same rule again leaves the station as it is',
    parse: (args: MutationSetDutyRuleArgs) => ({ stationId: assertUuid(args.stationId, 'stationId'), rule: parseDutyRule(args.rule) }),
    run: (w, args) => setDutyRule(w, args.stationId, args.rule),
  }),

  claimDutySlot: write.mutation({
    roles: PEOPLE,
    rules: [unitMemberRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a slot is claimed once: the same unit claiming again gets the slot back',
    parse: (args: MutationClaimDutySlotArgs) => ({
      id: assertUuid(args.id),
      organizationId: assertUuid(args.organizationId, 'organizationId'),
      onDutyPersonId: args.onDutyPersonId != null ? assertUuid(args.onDutyPersonId, 'onDutyPersonId') : null,
    }),
    run: (w, args) => claimSlot(w, args),
  }),

  checkInDutySlot: write.mutation({
    roles: PEOPLE,
    rules: [onDutyRule, byHandRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: stamp,
    run: (w, args) => stampSlot(w, args.id, 'in', args.code),
  }),
  checkOutDutySlot: write.mutation({
    roles: PEOPLE,
    rules: [onDutyRule, byHandRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: stamp,
    run: (w, args) => stampSlot(w, args.id, 'out', args.code),
  }),
  markDutySlotNoShow: write.mutation({
    roles: STAFF,
    rules: [stationStaffRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'a slot marked already is returned as it is',
    parse: id,
    run: (w, args) => markNoShow(w, args.id),
  }),

  placeStationOrder: write.mutation({
    roles: PEOPLE,
    idempotencyKey: 'optional',
    parse: (args: MutationPlaceStationOrderArgs) => ({
      stationId: assertUuid(args.stationId, 'stationId'),
      help: args.help,
      note: optionalText(args.note, 500, 'note'),
    }),
    run: (w, args) => placeOrder(w, args),
    result: {
      typename: 'StationOrder',
      load: async (tx: EntityManager, orderId: string) => (await orderRepository(tx).findByIds([orderId]))[0],
    },
  }),

  dispatchStationOrder: write.mutation({
    roles: PEOPLE,
    rules: [orderStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'dispatching again to the same volunteer returns the order',
    parse: (args: MutationDispatchStationOrderArgs) => ({ id: assertUuid(args.id), volunteerId: assertUuid(args.volunteerId, 'volunteerId') }),
    run: (w, args) => transitionOrder(w, args.id, 'DISPATCH', { volunteerId: args.volunteerId }),
  }),
  acceptStationOrder: write.mutation({
    roles: PEOPLE,
    rules: [orderStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: id,
    run: (w, args) => transitionOrder(w, args.id, 'ACCEPT'),
  }),
  completeStationOrder: write.mutation({
    roles: PEOPLE,
    rules: [orderStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: id,
    run: (w, args) => transitionOrder(w, args.id, 'COMPLETE'),
  }),
  rateStationOrder: write.mutation({
    roles: PEOPLE,
    rules: [orderStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: 'the same rating again returns the order',
    parse: (args: MutationRateStationOrderArgs) => ({ id: assertUuid(args.id), rating: intIn(args.rating, 1, 5, 'rating') }),
    run: (w, args) => transitionOrder(w, args.id, 'RATE', { rating: args.rating }),
  }),
  cancelStationOrder: write.mutation({
    roles: PEOPLE,
    rules: [orderStepRule],
    idempotencyKey: 'none',
    naturallyIdempotent: ALREADY,
    parse: id,
    run: (w, args) => transitionOrder(w, args.id, 'CANCEL'),
  }),
};

export const Mutation: MutationResolvers = write.resolvers(writes);
