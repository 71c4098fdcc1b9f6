import { randomBytes } from 'node:crypto';

/**
 * An hours certificate's verification code: 80 random bits (crypto.randomBytes,
 * so it cannot be guessed or counted up to) in Crockford's base32, which leaves out
 * I, L, O and U so that nothing reads as another character: 16 characters, shown in
 * groups of four (7KQ3-M9XD-2HTV-W4BN). People type it as they read it: lower case,
 * dashes and spaces are fine, and O, I and L are taken as 0, 1 and 1.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

/** A new code, as stored (16 characters, no dashes). */
export function newCertificateCode(bytes: Buffer = randomBytes(10)): string {
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** As printed and shown: four groups of four. */
export const groupedCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

/** A code as someone typed it, as stored; null when it cannot be one (never a certificate). */
export function normalizeCertificateCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return code;
}
