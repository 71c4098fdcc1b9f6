import { openingHoursText, parseOpeningHours } from './openingHours';

const day = (weekday: number, ...periods: [string, string][]) => ({ weekday, periods: periods.map(([opens, closes]) => ({ opens, closes })) });

describe('opening hours', () => {
  it('when a schedule is valid, then it is kept in weekday order and posted grouped', () => {
    const days = parseOpeningHours([day(6, ['09:00', '12:00']), ...[1, 2, 3, 4, 5].map((d) => day(d, ['08:30', '12:00'], ['14:30', '18:00']))], 'openingHours');
    expect(days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(openingHoursText(days)).toBe('周一至周五 08:30-12:00, 14:30-18:00; 周六 09:00-12:00');
  });

  it.each([
    [[], 'openingHours'],
    [[day(8, ['08:00', '12:00'])], 'openingHours[0].weekday'],
    [[day(1, ['08:00', '12:00']), day(1, ['14:00', '18:00'])], 'openingHours[1].weekday'],
    [[day(1)], 'openingHours[0].periods'],
    [[day(1, ['8:00', '12:00'])], 'openingHours[0].periods[0].opens'],
    [[day(1, ['08:00', '24:30'])], 'openingHours[0].periods[0].closes'],
    [[day(1, ['12:00', '08:00'])], 'openingHours[0].periods[0].closes'],
    [[day(1, ['08:00', '12:00'], ['11:00', '18:00'])], 'openingHours[0].periods[1].opens'],
  ])('when a schedule is %j, then BAD_USER_INPUT names %s', (days, argument) => {
    expect(() => parseOpeningHours(days as any, 'openingHours')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) }),
    );
  });
});
