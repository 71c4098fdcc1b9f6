import { MOBILE_PREFIXES, isValidMobile } from './phone';

describe('isValidMobile', () => {
  it('accepts allocated mobile prefixes', () => {
    for (const phone of ['13800138000', '14512345678', '15012345678', '16212345678', '17812345678', '18912345678', '19912345678']) {
      expect(isValidMobile(phone)).toBe(true);
    }
  });

  it('rejects unallocated prefixes, wrong lengths and decoration', () => {
    for (const phone of ['14012345678', '15412345678', '16012345678', '17912345678', '19412345678', '12012345678']) {
      expect(isValidMobile(phone)).toBe(false);
    }
    expect(isValidMobile('1380013800')).toBe(false);
    expect(isValidMobile('138001380000')).toBe(false);
    expect(isValidMobile('+8613800138000')).toBe(false);
    expect(isValidMobile('138 0013 8000')).toBe(false);
  });

  it('exposes exactly the prefixes it accepts', () => {
    expect(MOBILE_PREFIXES).toHaveLength(56);
    for (const prefix of MOBILE_PREFIXES) expect(isValidMobile(`${prefix}00000000`)).toBe(true);
  });
});
