import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode } from './creditCode';

/**
 * Real codes, as their holders publish them on their business licences (and the
 * National Enterprise Credit Information Publicity System shows them), plus the
 * example code that guides to GB 32100-2015 work through.
 */
const PUBLISHED = {
  '阿里巴巴(中国)有限公司': '91330100799655058B',
  深圳市腾讯计算机系统有限公司: '91440300708461136T',
  华为技术有限公司: '914403001922038216',
  小米科技有限责任公司: '91110108551385082Q',
  'GB 32100 worked example': '91350100M000100Y43',
};

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(Object.entries(PUBLISHED))('when the published code of %s is checked, then it is valid', (_, code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('when the check character is any other of the 31, then the code is refused', () => {
    const code = PUBLISHED['华为技术有限公司'];
    for (const check of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (check !== code[17]) expect(isValidCreditCode(code.slice(0, 17) + check)).toBe(false);
    }
  });

  it('when one character of the first 17 is changed, then the check character catches it', () => {
    const code = PUBLISHED['深圳市腾讯计算机系统有限公司'];
    expect(isValidCreditCode(`${code.slice(0, 8)}${code[8] === '1' ? '2' : '1'}${code.slice(9)}`)).toBe(false);
  });

  it.each([
    ['a letter outside the set (I, O, S, V, Z)', '91330100799655O58B', 'uses only'],
    ['lower case', '91330100799655058b', 'uses only'],
    ['17 characters', '91330100799655058', '18 characters'],
    ['19 characters', '91330100799655058B0', '18 characters'],
  ])('when the code has %s, then it says why', (_, code, why) => {
    expect(creditCodeProblem(code)).toContain(why);
  });

  it('when the weighted sum is already a multiple of 31, then the check character is 0, not a 32nd character', () => {
    // 17 zeros sum to 0: the check is (31 - 0) mod 31 = 0.
    expect(creditCodeCheckCharacter('0'.repeat(17))).toBe('0');
  });
});
