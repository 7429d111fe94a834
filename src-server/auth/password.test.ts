import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const { hash, salt } = await hashPassword('VanBan@2026');
    expect(await verifyPassword('VanBan@2026', hash, salt)).toBe(true);
    expect(await verifyPassword('vanban@2026', hash, salt)).toBe(false);
  });
  it('salts per user: the same password never gives the same hash', async () => {
    const a = await hashPassword('VanBan@2026');
    const b = await hashPassword('VanBan@2026');
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });
  it('treats composed and decomposed Vietnamese as the same password', async () => {
    const { hash, salt } = await hashPassword('Mật khẩu'.normalize('NFC'));
    expect(await verifyPassword('Mật khẩu'.normalize('NFD'), hash, salt)).toBe(true);
  });
});
