import { createHmac, randomBytes } from 'node:crypto';

/** A keyed hash (HMAC-SHA256, hex): an identifier that must travel, without revealing the value to whoever lacks the key. */
export function keyedHash(key: string | Buffer, value: string, hexChars = 32): string {
  return createHmac('sha256', key).update(value).digest('hex').slice(0, hexChars);
}

export const randomHashKey = (): Buffer => randomBytes(32);
