import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Seals and opens one kind of secret value at rest (AES-256-GCM: iv ‖ tag ‖ ciphertext). */
export interface SealedBox {
  seal(value: string): Buffer;
  open(sealed: Buffer): string;
}

/**
 * A box under its own key, derived (HKDF-SHA256) from the directory's data key for
 * one purpose, and bound to the column it is stored in (the AAD), so a value sealed
 * for one column does not open in another.
 */
export function sealedBox(dataKey: Buffer, purpose: string, column: string): SealedBox {
  const key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), purpose, 32));
  const aad = Buffer.from(column);
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12)).setAAD(aad);
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
