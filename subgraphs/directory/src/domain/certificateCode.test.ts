import { groupedCode, newCertificateCode, normalizeCertificateCode } from './certificateCode';

describe('certificate verification codes', () => {
  it('spell 80 bits in 16 base32 characters', () => {
    expect(newCertificateCode(Buffer.alloc(10, 0))).toBe('0000000000000000');
    expect(newCertificateCode(Buffer.alloc(10, 0xff))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(newCertificateCode(Buffer.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('1000000000000001');
    const codes = new Set(Array.from({ length: 1000 }, () => newCertificateCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('read back as people type them', () => {
    const code = newCertificateCode();
    expect(normalizeCertificateCode(groupedCode(code).toLowerCase())).toBe(code);
    expect(normalizeCertificateCode('o1il-0000-0000-000u')).toBeNull();
    expect(normalizeCertificateCode('O1IL-0000-0000-0000')).toBe('0111000000000000');
    expect(normalizeCertificateCode('short')).toBeNull();
    expect(groupedCode('7KQ3M9XD2HTVW4BN')).toBe('7KQ3-M9XD-2HTV-W4BN');
  });
});
