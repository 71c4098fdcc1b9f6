import { attendedHours, decideNoShow, decideStamp } from './attendance';

const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
const SHIFT = { startsAt: at('08:30'), endsAt: at('12:00'), checkedInAt: null, checkedOutAt: null };

describe('the rules of checking in', () => {
  it('when one checks in from an hour before the start until the end, then it goes ahead; outside, CONFLICT', () => {
    expect(decideStamp('in', SHIFT, at('07:30'))).toBeNull();
    expect(decideStamp('in', SHIFT, at('11:59'))).toBeNull();
    expect(decideStamp('in', SHIFT, at('07:29'))).toMatchObject({ code: 'CONFLICT' });
    expect(decideStamp('in', SHIFT, at('12:00'))).toMatchObject({ code: 'CONFLICT' });
    expect(decideStamp('in', { ...SHIFT, checkedInAt: at('08:00') }, at('13:00'))).toBe('already');
  });

  it('when one checks out before checking in, then CONFLICT; again after checking out, already', () => {
    expect(decideStamp('out', SHIFT, at('09:00'))).toMatchObject({ code: 'CONFLICT' });
    expect(decideStamp('out', { ...SHIFT, checkedInAt: at('08:30') }, at('13:00'))).toBeNull();
    expect(decideStamp('out', { ...SHIFT, checkedInAt: at('08:30'), checkedOutAt: at('12:00') }, at('13:00'))).toBe('already');
  });

  it('when a no-show is marked, then only after the end and only for one who never checked in', () => {
    const facts = { endsAt: SHIFT.endsAt, checkedInAt: null, noShowMarkedAt: null };
    expect(decideNoShow(facts, at('11:00'))).toMatchObject({ code: 'CONFLICT' });
    expect(decideNoShow(facts, at('12:00'))).toBeNull();
    expect(decideNoShow({ ...facts, checkedInAt: at('08:40') }, at('13:00'))).toMatchObject({ code: 'CONFLICT' });
    expect(decideNoShow({ ...facts, noShowMarkedAt: at('12:30') }, at('13:00'))).toBe('already');
  });

  it('when hours are counted, then from check-in to check-out, inside the activity when given', () => {
    expect(attendedHours(at('08:30'), null)).toBeNull();
    expect(attendedHours(at('08:15'), at('10:45'))).toBe(2.5);
    expect(attendedHours(at('08:00'), at('12:30'), SHIFT)).toBe(3.5);
    expect(attendedHours(at('12:10'), at('12:30'), SHIFT)).toBe(0);
  });
});
