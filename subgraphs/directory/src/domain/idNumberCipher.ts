import { createHmac, hkdfSync } from 'node:crypto';
import { sealedBox } from './sealedBox';

/**
 * ID numbers are sensitive personal information (PIPL art. 28): stored encrypted
 * with AES-256-GCM, never in clear. A keyed digest (HMAC-SHA256 under a key derived
 * from the same secret) keeps them unique and findable without decrypting.
 */
export interface IdNumberCipher {
  encrypt(idNumber: string): Buffer;
  decrypt(sealed: Buffer): string;
  digest(idNumber: string): Buffer;
}

export function idNumberCipher(dataKey: Buffer): IdNumberCipher {
  const box = sealedBox(dataKey, 'id-number-encryption', 'directory.person.id_number');
  const digestKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'id-number-digest', 32));
  return {
    encrypt: (idNumber) => box.seal(idNumber),
    decrypt: (sealed) => box.open(sealed),
    digest: (idNumber) => createHmac('sha256', digestKey).update(idNumber).digest(),
  };
}
