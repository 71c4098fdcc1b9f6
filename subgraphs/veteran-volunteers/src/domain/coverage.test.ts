import { dailyCoverage } from './coverage';

const at = (iso: string) => new Date(iso);
const shift = (s: string, e: string) => ({ startsAt: at(s), endsAt: at(e) });
const hours = { staffedFrom: '07:00', staffedUntil: '23:00' };

describe('dailyCoverage', () => {
  it('when shifts cover the staffed hours end to end, then the day has no gaps', () => {
    const [day] = dailyCoverage(
      hours,
      [shift('2020-02-01T07:00:00+08:00', '2020-02-01T15:00:00+08:00'), shift('2020-02-01T15:00:00+08:00', '2020-02-01T23:00:00+08:00')],
      '2020-02-01',
      '2020-02-01',
    );
    expect(day).toEqual({ date: '2020-02-01', shifts: 2, coveredMinutes: 960, fullyCovered: true, gaps: [] });
  });

  it('when shifts leave holes and overlap each other, then each hole is a gap and overlap counts once', () => {
    const [day] = dailyCoverage(
      hours,
      [
        shift('2020-02-01T09:00:00+08:00', '2020-02-01T13:00:00+08:00'),
        shift('2020-02-01T12:00:00+08:00', '2020-02-01T14:00:00+08:00'),
        shift('2020-02-01T16:00:00+08:00', '2020-02-01T23:30:00+08:00'),
      ],
      '2020-02-01',
      '2020-02-01',
    );
    expect(day.shifts).toBe(3);
    expect(day.coveredMinutes).toBe(5 * 60 + 7 * 60);
    expect(day.gaps).toEqual([
      shift('2020-02-01T07:00:00+08:00', '2020-02-01T09:00:00+08:00'),
      shift('2020-02-01T14:00:00+08:00', '2020-02-01T16:00:00+08:00'),
    ]);
  });

  it('when a shift crosses midnight, then it covers the end of one day and the start of the next', () => {
    const days = dailyCoverage(
      { staffedFrom: '00:00', staffedUntil: '24:00' },
      [shift('2020-02-01T20:00:00+08:00', '2020-02-02T04:00:00+08:00')],
      '2020-02-01',
      '2020-02-03',
    );
    expect(days.map((d) => d.coveredMinutes)).toEqual([240, 240, 0]);
    expect(days[2].gaps).toEqual([shift('2020-02-03T00:00:00+08:00', '2020-02-04T00:00:00+08:00')]);
  });

  it('when the range is reversed or longer than a year, then BAD_USER_INPUT', () => {
    expect(() => dailyCoverage(hours, [], '2020-02-02', '2020-02-01')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(() => dailyCoverage(hours, [], '2020-01-01', '2021-06-01')).toThrow('at most 366 days');
  });
});
