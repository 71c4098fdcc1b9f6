import { checkServiceYears, dischargedBy } from './service';

const argumentOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { argument: string } }).extensions.argument;
  }
  return null;
};

describe('a veteran’s service years', () => {
  it.each([
    [1980, 1984, 1963], // 17
    [1987, 1991, 1963], // 24
  ])('when enlisted in %i at 17-24 and discharged in %i, then they stand', (enlistmentYear, dischargeYear, born) => {
    expect(checkServiceYears({ enlistmentYear, dischargeYear }, born, 2026)).toEqual({ enlistmentYear, dischargeYear });
  });

  it.each([
    ['at 16', 1979, 1983, 'input.enlistmentYear'],
    ['at 25', 1988, 1992, 'input.enlistmentYear'],
    ['discharged the year of enlistment', 1982, 1982, 'input.dischargeYear'],
    ['discharged before enlisting', 1982, 1981, 'input.dischargeYear'],
    ['discharged in the future', 1982, 2027, 'input.dischargeYear'],
  ])('when enlisted %s, then BAD_USER_INPUT names the argument', (_what, enlistmentYear, dischargeYear, argument) => {
    expect(argumentOf(() => checkServiceYears({ enlistmentYear, dischargeYear }, 1963, 2026))).toBe(argument);
  });

  it('when the discharge year is later than this year, then the veteran has not been discharged yet', () => {
    expect([dischargedBy(2027, 2026), dischargedBy(2026, 2026), dischargedBy(null, 2026)]).toEqual([false, true, true]);
  });
});
