import { graphNumberCheck, isGraphVolunteerNumber } from './graphVolunteerNumber';

describe("the graph's own volunteer number", () => {
  it('carries MOD 97-10 check digits over its serial', () => {
    expect(graphNumberCheck(1)).toBe('95');
    expect(isGraphVolunteerNumber('CGV0000000195')).toBe(true);
    expect(isGraphVolunteerNumber(`CGV12345678${graphNumberCheck(12345678)}`)).toBe(true);
  });

  it('catches a mistyped digit or two swapped digits', () => {
    expect(isGraphVolunteerNumber('CGV0000000196')).toBe(false);
    expect(isGraphVolunteerNumber(`CGV12345687${graphNumberCheck(12345678)}`)).toBe(false);
    expect(isGraphVolunteerNumber('CGV000000019')).toBe(false);
    expect(isGraphVolunteerNumber('35010500000195')).toBe(false);
  });
});
