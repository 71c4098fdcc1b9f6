import { birthDateFromIdNumber, genderFromIdNumber, idCheckDigit, isValidIdNumber, makeIdNumber } from './idNumber';

// The worked example from GB 11643-1999 itself.
const KNOWN = '11010519491231002X';

describe('idCheckDigit', () => {
  it('computes the standard example, including the X check character', () => {
    expect(idCheckDigit(KNOWN.slice(0, 17))).toBe('X');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => idCheckDigit('1234')).toThrow();
    expect(() => idCheckDigit('1101051949123100X')).toThrow();
  });
});

describe('isValidIdNumber', () => {
  it('accepts the standard example', () => {
    expect(isValidIdNumber(KNOWN)).toBe(true);
  });

  it('rejects every other check character', () => {
    for (const check of '0123456789') {
      expect(isValidIdNumber(KNOWN.slice(0, 17) + check)).toBe(false);
    }
  });

  it('rejects a lower-case x, wrong lengths and non-digits', () => {
    expect(isValidIdNumber(KNOWN.toLowerCase())).toBe(false);
    expect(isValidIdNumber(KNOWN.slice(0, 17))).toBe(false);
    expect(isValidIdNumber(`${KNOWN}0`)).toBe(false);
    expect(isValidIdNumber('1101051949123100AX')).toBe(false);
  });

  it('rejects impossible dates even with a correct check character', () => {
    const feb30 = '35010520240230001';
    expect(isValidIdNumber(feb30 + idCheckDigit(feb30))).toBe(false);
    const month13 = '35010520241301001';
    expect(isValidIdNumber(month13 + idCheckDigit(month13))).toBe(false);
  });

  it('knows leap years', () => {
    expect(isValidIdNumber(makeIdNumber('350105', '2000-02-29', 1, 'MALE'))).toBe(true);
    const feb29In1900 = '35010519000229001';
    expect(isValidIdNumber(feb29In1900 + idCheckDigit(feb29In1900))).toBe(false);
  });
});

describe('makeIdNumber', () => {
  it('round-trips district, birth date and gender', () => {
    const id = makeIdNumber('350105', '1987-06-05', 123, 'MALE');
    expect(id).toHaveLength(18);
    expect(isValidIdNumber(id)).toBe(true);
    expect(id.slice(0, 6)).toBe('350105');
    expect(birthDateFromIdNumber(id)).toBe('1987-06-05');
    expect(genderFromIdNumber(id)).toBe('MALE');
  });

  it('puts an odd 17th digit for men and an even one for women, whatever the sequence', () => {
    for (const sequence of [0, 1, 2, 500, 998, 999]) {
      const male = makeIdNumber('350504', '1960-01-01', sequence, 'MALE');
      const female = makeIdNumber('350504', '1960-01-01', sequence, 'FEMALE');
      expect(Number(male[16]) % 2).toBe(1);
      expect(Number(female[16]) % 2).toBe(0);
      expect(isValidIdNumber(male) && isValidIdNumber(female)).toBe(true);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => makeIdNumber('35010', '1987-06-05', 1, 'MALE')).toThrow();
    expect(() => makeIdNumber('350105', '1987-02-30', 1, 'MALE')).toThrow();
    expect(() => makeIdNumber('350105', '1987-06-05', 1000, 'MALE')).toThrow();
    expect(() => makeIdNumber('350105', '1987-06-05', 1.5, 'FEMALE')).toThrow();
  });
});

describe('birthDateFromIdNumber', () => {
  it('reads the date of the standard example', () => {
    expect(birthDateFromIdNumber(KNOWN)).toBe('1949-12-31');
    expect(genderFromIdNumber(KNOWN)).toBe('FEMALE');
  });

  it('throws on an invalid number', () => {
    expect(() => birthDateFromIdNumber('110105194912310021')).toThrow();
  });
});
