import { parseNear } from './geo';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error: any) {
    return [error.extensions.code, error.extensions.argument];
  }
  return null;
};

describe('parseNear', () => {
  it('when no radius is given, then it is the 15-minute circle of 1,000 m', () => {
    expect(parseNear({ latitude: 24.95, longitude: 118.68 })).toEqual({ latitude: 24.95, longitude: 118.68, radius: 1000 });
  });

  it.each([
    [{ latitude: 90.5, longitude: 118 }, 'latitude'],
    [{ latitude: -91, longitude: 118 }, 'latitude'],
    [{ latitude: 24, longitude: 180.01 }, 'longitude'],
    [{ latitude: 24, longitude: -181 }, 'longitude'],
    [{ latitude: 24, longitude: 118, withinMeters: 0 }, 'withinMeters'],
    [{ latitude: 24, longitude: 118, withinMeters: -5 }, 'withinMeters'],
    [{ latitude: 24, longitude: 118, withinMeters: 50_001 }, 'withinMeters'],
  ])('when given %p, then BAD_USER_INPUT names %s', (args, argument) => {
    expect(codeOf(() => parseNear(args))).toEqual(['BAD_USER_INPUT', argument]);
  });

  it('when at the edges of the ranges, then it is accepted', () => {
    expect(parseNear({ latitude: -90, longitude: 180, withinMeters: 50_000 }).radius).toBe(50_000);
  });
});
