/** Password hashing with scrypt and a per-user random salt; comparison in constant time. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LEN = 64;
// N=16384 keeps a login near 50 ms on a small server while staying well above brute-force comfort.
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: string, saltHex: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), Buffer.from(saltHex, 'hex'), KEY_LEN, PARAMS, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  const key = await derive(password, salt);
  return { hash: key.toString('hex'), salt };
}

export async function verifyPassword(password: string, hashHex: string, saltHex: string): Promise<boolean> {
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await derive(password, saltHex);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
