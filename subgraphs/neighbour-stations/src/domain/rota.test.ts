import { chinaToday } from '@civic/shared';
import {
  decideCheckIn,
  decideCheckOut,
  decideClaim,
  isoWeekday,
  kindsForDate,
  LUOJIANG_RULE,
  parseDateRange,
  parseDutyRule,
  planSlots,
  type ClaimFacts,
} from './rota';

const GOV = { organizationId: 'gov', kind: 'GOVERNMENT_UNIT' as const, regionCode: '350504' };
const ASSOC = { organizationId: 'assoc', kind: 'ASSOCIATION' as const, regionCode: '350504' };
// 2026-11-23 is a Monday, 2026-11-28 a Saturday.
const MONDAY = '2026-11-23';
const SATURDAY = '2026-11-28';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const slot = (date: string, claimedBy: string | null = null) => ({
  date,
  startsAt: new Date(`${date}T08:30:00+08:00`),
  claimedBy,
});
const claim = (date: string, unit: ClaimFacts['unit'] = GOV, claimedBy: string | null = null, rule = LUOJIANG_RULE) =>
  decideClaim({ slot: slot(date, claimedBy), stationRegionCode: '350504001001', rule, unit, now: NOW });

describe('the duty rota', () => {
  it('when dates are read, then weekdays are ISO and today is Fujian time', () => {
    expect(isoWeekday(MONDAY)).toBe(1);
    expect(isoWeekday(SATURDAY)).toBe(6);
    expect(chinaToday(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
  });

  it('when planned for a week under the Luojiang rule, then every day has a morning and an afternoon slot', () => {
    const slots = planSlots(LUOJIANG_RULE, MONDAY, 7);
    expect(slots).toHaveLength(14);
    expect(slots[0]).toEqual({
      date: MONDAY,
      half: 'MORNING',
      startsAt: new Date('2026-11-23T00:30:00Z'),
      endsAt: new Date('2026-11-23T04:00:00Z'),
    });
    expect(slots[1].half).toBe('AFTERNOON');
  });

  it('when a station opens on weekdays only, then no weekend slots are planned', () => {
    const slots = planSlots({ ...LUOJIANG_RULE, openWeekdays: [1, 2, 3, 4, 5] }, MONDAY, 14);
    expect(slots).toHaveLength(20);
    expect(slots.every((s) => isoWeekday(s.date) <= 5)).toBe(true);
  });

  it('when the Luojiang rule applies, then weekdays are for government units and weekends for associations', () => {
    expect(kindsForDate(LUOJIANG_RULE, MONDAY)).toEqual(['GOVERNMENT_UNIT']);
    expect(kindsForDate(LUOJIANG_RULE, SATURDAY)).toEqual(['ASSOCIATION']);
    expect(claim(MONDAY, GOV)).toBeNull();
    expect(claim(SATURDAY, ASSOC)).toBeNull();
    expect(claim(MONDAY, ASSOC)).toMatchObject({ code: 'FORBIDDEN' });
    expect(claim(SATURDAY, GOV)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when a station sets its own rule, then that rule decides', () => {
    const rule = parseDutyRule({ openWeekdays: [6, 7], weekdayKinds: ['ASSOCIATION'], weekendKinds: ['GOVERNMENT_UNIT', 'ASSOCIATION'] });
    expect(claim(SATURDAY, GOV, null, rule)).toBeNull();
    expect(claim(MONDAY, ASSOC, null, rule)).toBeNull();
  });

  it('when the slot is taken, then CONFLICT for another unit and a no-op for the holder', () => {
    expect(claim(MONDAY, GOV, 'other')).toMatchObject({ code: 'CONFLICT' });
    expect(claim(MONDAY, GOV, 'gov')).toBe('already');
  });

  it('when the slot has started, or the unit serves elsewhere, then it is refused', () => {
    expect(claim('2026-11-20')).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(claim(MONDAY, { ...GOV, regionCode: '350105' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when a range or rule is malformed, then BAD_USER_INPUT names the argument', () => {
    const argumentOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error: any) {
        return error.extensions.argument;
      }
    };
    expect(argumentOf(() => parseDateRange('2026-11-30', '2026-11-23'))).toBe('to');
    expect(argumentOf(() => parseDateRange('2026-02-30', '2026-03-01'))).toBe('from');
    expect(argumentOf(() => parseDateRange('2026-01-01', '2026-12-31'))).toBe('to');
    expect(argumentOf(() => parseDateRange('2026-11-01', '2026-11-02', '2026-11-23'))).toBe('from');
    expect(argumentOf(() => parseDutyRule({ ...LUOJIANG_RULE, openWeekdays: [0] }))).toBe('openWeekdays');
    expect(argumentOf(() => parseDutyRule({ ...LUOJIANG_RULE, weekendKinds: [] }))).toBe('weekendKinds');
  });

  describe('check-in and check-out', () => {
    const duty = {
      startsAt: new Date('2026-11-23T08:30:00+08:00'),
      endsAt: new Date('2026-11-23T12:00:00+08:00'),
      onDutyPersonId: 'p1',
      checkedInAt: null,
      checkedOutAt: null,
    };
    const at = (time: string) => new Date(`2026-11-23T${time}:00+08:00`);

    it('when the person on duty arrives in time, then they check in, and out after', () => {
      expect(decideCheckIn({ slot: duty, personId: 'p1', now: at('07:45') })).toBeNull();
      expect(decideCheckOut({ slot: { ...duty, checkedInAt: at('08:00') }, personId: 'p1', now: at('12:05') })).toBeNull();
    });

    it('when someone else, too early or too late, or out before in, then it is refused', () => {
      expect(decideCheckIn({ slot: duty, personId: 'p2', now: at('09:00') })).toMatchObject({ code: 'FORBIDDEN' });
      expect(decideCheckIn({ slot: duty, personId: 'p1', now: at('07:00') })).toMatchObject({ code: 'CONFLICT' });
      expect(decideCheckIn({ slot: duty, personId: 'p1', now: at('12:00') })).toMatchObject({ code: 'CONFLICT' });
      expect(decideCheckOut({ slot: duty, personId: 'p1', now: at('10:00') })).toMatchObject({ code: 'CONFLICT' });
    });

    it('when repeated, then the second call changes nothing', () => {
      expect(decideCheckIn({ slot: { ...duty, checkedInAt: at('08:00') }, personId: 'p1', now: at('09:00') })).toBe('already');
      const out = { ...duty, checkedInAt: at('08:00'), checkedOutAt: at('12:00') };
      expect(decideCheckOut({ slot: out, personId: 'p1', now: at('12:10') })).toBe('already');
    });
  });
});
