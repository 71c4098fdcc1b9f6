import type { Identity } from '@civic/shared';
import { isStationStaff } from './access';
import { unitMemberRule } from './writeRules';
import { decideTransition, OrderState } from './orderFlow';

const RESIDENT = 'a0000000-0000-4000-8000-000000000001';
const VOLUNTEER = 'a0000000-0000-4000-8000-000000000002';
const person = (sub: string, ...roles: Identity['roles']): Identity => ({ sub, roles, region: '350504' });
const resident = person(RESIDENT);
const volunteer = person(VOLUNTEER, 'VOLUNTEER');
const manager = person('a0000000-0000-4000-8000-000000000003', 'STATION_MANAGER');
const anonymous: Identity = { sub: null, roles: [], region: null };
const order = (status: OrderState['status'], extra: Partial<OrderState> = {}): OrderState => ({
  status,
  residentId: RESIDENT,
  volunteerId: status === 'PLACED' ? null : VOLUNTEER,
  rating: status === 'RATED' ? 5 : null,
  ...extra,
});

describe('the serial order flow', () => {
  it('when each step is taken by its actor, then the order walks PLACED → DISPATCHED → ACCEPTED → COMPLETED → RATED', () => {
    expect(decideTransition('DISPATCH', order('PLACED'), manager, true, { volunteerId: VOLUNTEER })).toEqual({
      kind: 'apply',
      status: 'DISPATCHED',
      volunteerId: VOLUNTEER,
      rating: null,
    });
    expect(decideTransition('ACCEPT', order('DISPATCHED'), volunteer, false)).toMatchObject({ status: 'ACCEPTED' });
    expect(decideTransition('COMPLETE', order('ACCEPTED'), volunteer, false)).toMatchObject({ status: 'COMPLETED' });
    expect(decideTransition('RATE', order('COMPLETED'), resident, false, { rating: 4 })).toMatchObject({
      status: 'RATED',
      rating: 4,
    });
  });

  it.each([
    ['DISPATCH', 'PLACED', resident, false],
    ['DISPATCH', 'PLACED', volunteer, false],
    ['ACCEPT', 'DISPATCHED', manager, true],
    ['ACCEPT', 'DISPATCHED', resident, false],
    ['COMPLETE', 'ACCEPTED', resident, false],
    ['RATE', 'COMPLETED', volunteer, false],
    ['RATE', 'COMPLETED', manager, true],
    ['CANCEL', 'PLACED', volunteer, false],
  ] as const)('when %s on a %s order is tried by the wrong person, then FORBIDDEN', (action, status, who, staff) => {
    expect(decideTransition(action, order(status), who, staff, { volunteerId: VOLUNTEER, rating: 3 })).toMatchObject({
      kind: 'refuse',
      code: 'FORBIDDEN',
    });
  });

  it.each([
    ['DISPATCH', 'ACCEPTED', manager, true],
    ['ACCEPT', 'COMPLETED', volunteer, false],
    ['COMPLETE', 'DISPATCHED', volunteer, false],
    ['RATE', 'ACCEPTED', resident, false],
    ['CANCEL', 'COMPLETED', resident, false],
    ['CANCEL', 'RATED', manager, true],
  ] as const)('when %s is tried on a %s order, then CONFLICT', (action, status, who, staff) => {
    expect(decideTransition(action, order(status), who, staff, { volunteerId: 'someone-else', rating: 3 })).toMatchObject({
      kind: 'refuse',
      code: 'CONFLICT',
    });
  });

  it('when the resident or the staff cancel an open order, then it is CANCELLED', () => {
    expect(decideTransition('CANCEL', order('PLACED'), resident, false)).toMatchObject({ status: 'CANCELLED' });
    expect(decideTransition('CANCEL', order('ACCEPTED'), manager, true)).toMatchObject({ status: 'CANCELLED' });
  });

  it('when a step is retried after it took effect, then it is a no-op; with other arguments, CONFLICT', () => {
    expect(decideTransition('ACCEPT', order('ACCEPTED'), volunteer, false)).toEqual({ kind: 'already' });
    expect(decideTransition('RATE', order('RATED'), resident, false, { rating: 5 })).toEqual({ kind: 'already' });
    expect(decideTransition('RATE', order('RATED'), resident, false, { rating: 2 })).toMatchObject({ code: 'CONFLICT' });
    expect(decideTransition('DISPATCH', order('DISPATCHED'), manager, true, { volunteerId: VOLUNTEER })).toEqual({ kind: 'already' });
  });

  it('when nobody is signed in, then UNAUTHENTICATED', () => {
    expect(decideTransition('CANCEL', order('PLACED'), anonymous, false)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('station access', () => {
  const station = { regionCode: '350504001001', managerIds: [manager.sub as string] };
  it('when a manager is listed, or an officer covers the region, or a city admin asks, then they are staff', () => {
    expect(isStationStaff(manager, station)).toBe(true);
    expect(isStationStaff(person('x', 'DISTRICT_OFFICER'), station)).toBe(true);
    expect(isStationStaff({ sub: 'x', roles: ['CITY_ADMIN'], region: null }, station)).toBe(true);
  });

  it('when a manager of another station or an officer elsewhere asks, then they are not', () => {
    expect(isStationStaff(person('other', 'STATION_MANAGER'), station)).toBe(false);
    expect(isStationStaff({ sub: 'x', roles: ['DISTRICT_OFFICER'], region: '350105' }, station)).toBe(false);
  });

  it("when claiming duty, then a member of the unit or the station's staff may; a volunteer of the region who is no member may not", () => {
    expect(unitMemberRule.allows(volunteer, { station, memberIds: [VOLUNTEER] })).toBe(true);
    expect(unitMemberRule.allows(volunteer, { station, memberIds: [] })).toBe(false);
    expect(unitMemberRule.allows(anonymous, { station, memberIds: [] })).toBe(false);
    expect(unitMemberRule.allows(person('a0000000-0000-4000-8000-000000000004', 'DISTRICT_OFFICER'), { station, memberIds: [] })).toBe(true);
  });
});
