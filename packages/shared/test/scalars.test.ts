import { Kind } from 'graphql';
import { DATE_YEARS, scalarResolvers } from '../src/graphql/scalars';
import { hoursIn } from '../src/args';

describe('the graph`s Date and DateTime scalars', () => {
  const { Date: date, DateTime: dateTime } = scalarResolvers;

  it('when a date or instant is well formed and within the years, then it parses, as a variable and as a literal', () => {
    expect(date.parseValue('2026-02-28')).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(date.parseLiteral({ kind: Kind.STRING, value: `${DATE_YEARS.first}-01-01` }, {})).toEqual(new Date('1900-01-01T00:00:00Z'));
    expect(dateTime.parseValue('2026-11-23T09:30:00+08:00')).toEqual(new Date('2026-11-23T01:30:00Z'));
  });

  it.each(['2026-02-30', '9999-12-31', '0001-01-01', '2101-01-01'])('when the Date is %p, then it is refused', (value) => {
    expect(() => date.parseValue(value)).toThrow();
    expect(() => date.parseLiteral({ kind: Kind.STRING, value }, {})).toThrow();
  });

  it('when a DateTime lies outside the years, then it is refused', () => {
    expect(() => dateTime.parseValue('9999-12-31T23:59:59Z')).toThrow(/years 1900 to 2100/);
    expect(() => dateTime.parseValue('1899-12-31T23:59:59Z')).toThrow(/years/);
  });
});

describe('hours to the hundredth', () => {
  it('when hours round to 0 or exceed the most, then BAD_USER_INPUT naming the argument; else the rounded hours', () => {
    expect(hoursIn(1.234, 24, 'hours')).toBe(1.23);
    for (const value of [0, 1e-9, 0.004, -1, 24.01, Number.NaN, Infinity]) {
      expect(() => hoursIn(value, 24, 'hours')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'hours' } }));
    }
  });
});
