import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * ID numbers are sensitive personal information (PIPL art. 28): stored encrypted
 * with AES-256-GCM, never in clear. A keyed digest (HMAC-SHA256 under a key derived
 * from the same secret) keeps them unique and findable without decrypting.
 */
const AAD = Buffer.from('directory.person.id_number');

export interface IdNumberCipher {
  encrypt(idNumber: string): Buffer;
  decrypt(sealed: Buffer): string;
  digest(idNumber: string): Buffer;
}

export function idNumberCipher(dataKey: Buffer): IdNumberCipher {
  const encryptionKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'id-number-encryption', 32));
  const digestKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'id-number-digest', 32));
  return {
    encrypt(idNumber) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv).setAAD(AAD);
      const sealed = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(0, 12)).setAAD(AAD);
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    digest: (idNumber) => createHmac('sha256', digestKey).update(idNumber).digest(),
  };
}
