import { withheldMonths } from './series';

const months = (values: number[]) => new Map(values.map((value, i) => [`2026-${String(i + 1).padStart(2, '0')}`, value]));

describe('withheldMonths (disclosure control of monthly series)', () => {
  it('when a community has 2 in one month and 9 and 12 in others, then that month and the next smallest are withheld, so its months less the visible one never give the 2', () => {
    const series = new Map([
      ['350105001', months([20, 30, 40])],
      ['350105001001', months([2, 9, 12])],
      ['350105001002', months([18, 21, 28])],
      ['350105002', months([30, 30, 30])],
      ['350105', months([50, 60, 70])],
    ]);
    const withheld = withheldMonths(series, ['350105001001', '350105001002', '350105']);
    const community = withheld.get('350105001001')!;
    expect(community.has('2026-01')).toBe(true);
    // over its own months: the withheld add up to 5 or more
    const sum = [...community].reduce((total, month) => total + series.get('350105001001')!.get(month)!, 0);
    expect(sum).toBeGreaterThanOrEqual(5);
    expect(community.size).toBeGreaterThanOrEqual(2);
    // over the street in January: the sibling is withheld beside it, so the street less it is not the 2
    expect(withheld.get('350105001002')!.has('2026-01')).toBe(true);
  });
});
