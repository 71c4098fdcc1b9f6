import { assertRegionCode, isRegionCode, parentRegionCode, regionCodeRange, regionLevel } from '../src/region';

describe('region codes', () => {
  it('when a code has 2, 4, 6, 9 or 12 digits, then its level follows from its length', () => {
    expect(['35', '3501', '350105', '350105001', '350105001001'].map(regionLevel)).toEqual(['PROVINCE', 'CITY', 'DISTRICT', 'STREET', 'COMMUNITY']);
    expect(parentRegionCode('350105001001')).toBe('350105001');
    expect(parentRegionCode('35')).toBeNull();
  });

  it('when a code is malformed, then it is BAD_USER_INPUT', () => {
    for (const code of ['3', '350', '35010', 'abcdef', '3501050010011']) {
      expect(isRegionCode(code)).toBe(false);
      expect(() => assertRegionCode(code)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });

  it('when a range covers a district, then its communities fall inside and its neighbours outside (C collation order)', () => {
    const [lo, hi] = regionCodeRange('350105');
    const inside = (code: string) => Buffer.compare(Buffer.from(code), Buffer.from(lo)) >= 0 && Buffer.compare(Buffer.from(code), Buffer.from(hi)) < 0;
    expect(['350105', '350105001', '350105999999'].every(inside)).toBe(true);
    expect(['350104999999', '350106', '3501'].some(inside)).toBe(false);
  });
});
