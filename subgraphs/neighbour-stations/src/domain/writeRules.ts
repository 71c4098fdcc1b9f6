import { coversRegion, hasRole, writeRule } from '@civic/shared';
import { isStationStaff, type StationScope } from './access';
import { mayTakeStep, type OrderAction, type OrderState, stepRefusal } from './orderFlow';

/**
 * The data-dependent rules of the stations' writes, named for their declarations
 * (resolvers/mutations.ts) and applied by the services inside the transaction.
 */

/** The station's staff: its listed managers, the officers over its region, city administrators. */
export const stationStaffRule = writeRule<StationScope>('stationStaff', "only the station's staff do this", (identity, station) =>
  isStationStaff(identity, station),
);

/**
 * Duty is claimed for an organisation by one who belongs to it: a recorded member
 * of the unit, or the station's staff acting for it. Nobody else, whatever the role.
 */
export const unitMemberRule = writeRule<{ station: StationScope; memberIds: readonly string[] }>(
  'unitMember',
  "claiming duty for an organisation needs one of its members, or the station's staff",
  (identity, { station, memberIds }) => isStationStaff(identity, station) || (identity.sub !== null && memberIds.includes(identity.sub)),
);

/** Checking in and out with the station's code is for the person on duty. */
export const onDutyRule = writeRule<{ onDutyPersonId: string | null }>(
  'onDuty',
  'only the person on duty checks in and out',
  (identity, slot) => identity.sub !== null && identity.sub === slot.onDutyPersonId,
);

/**
 * Without a code, a check-in or check-out is recorded by hand: by the station's
 * staff, for the person on duty (a phone that will not scan, a volunteer without one).
 */
export const byHandRule = writeRule<StationScope>(
  'checkInByHand',
  "only the station's staff record a check-in by hand; the person on duty scans the station's code",
  (identity, station) => isStationStaff(identity, station),
);

/** Each step of an order is for those the flow names (domain/orderFlow.ts). */
export const orderStepRule = writeRule<{ action: OrderAction; order: OrderState; isStaff: boolean }>(
  'orderStep',
  (facts) => stepRefusal(facts.action),
  (identity, facts) => mayTakeStep(facts.action, facts.order, identity, facts.isStaff),
);

/**
 * Opening a station: a city administrator anywhere, a district officer in its own
 * region (the new station's community lies within it). Managers keep stations, they
 * do not open or close them (the declarations name no STATION_MANAGER).
 */
export const stationRegionRule = writeRule<{ regionCode: string }>(
  'officerOfStationRegion',
  "stations are opened by the officers of the station's region",
  (identity, station) => hasRole(identity, 'CITY_ADMIN') || (hasRole(identity, 'DISTRICT_OFFICER') && coversRegion(identity, station.regionCode)),
);
