/**
 * Sessions: an opaque random bearer token (32 bytes, base64url) of which only the sha256 is stored.
 * Expiry is FIXED at 12 h after login (not sliding): a stolen token dies on schedule, and the desktop
 * re-authenticates silently with the user's next login. Expired rows are deleted when met.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import type { Db } from '../db/client';
import { toOrganization, toUser } from '../db/mappers';
import { organization, sessions, users } from '../db/schema';
import type { LoginThrottle } from './login-throttle';
import type { AuthUser } from './visibility';
import { hashPassword, verifyPassword } from './password';

export const SESSION_TTL_MS = 12 * 3600_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Used when the username is unknown, so that a wrong username costs the same time as a wrong password.
const dummyCredential = hashPassword('không-dùng');

export async function login(
  db: Db,
  input: { username: string; password: string; clientId: string; deviceName?: string },
  now: Date = new Date(),
  throttle?: LoginThrottle,
): Promise<LoginResponse> {
  throttle?.check(input.username, now.getTime());
  const [row] = await db.select().from(users).where(eq(users.username, input.username.trim().toLowerCase()));
  if (!row || !row.active) {
    const dummy = await dummyCredential;
    await verifyPassword(input.password, dummy.hash, dummy.salt);
    throttle?.failed(input.username, now.getTime());
    throw new AppError('BAD_CREDENTIALS');
  }
  if (!(await verifyPassword(input.password, row.passwordHash, row.passwordSalt))) {
    throttle?.failed(input.username, now.getTime());
    throw new AppError('BAD_CREDENTIALS');
  }
  throttle?.succeeded(input.username);
  const [org] = await db.select().from(organization);
  if (!org) throw new AppError('INTERNAL', 'Máy chủ chưa được khởi tạo thông tin cơ quan. Vui lòng báo quản trị.');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: row.id,
    clientId: input.clientId,
    deviceName: input.deviceName ?? null,
    createdAt: now,
    expiresAt,
  });
  // Housekeeping: sessions past expiry are useless; drop them so the table stays small.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now.getTime() - SESSION_TTL_MS)));
  return { token, expiresAt: expiresAt.toISOString(), user: toUser(row), organization: toOrganization(org) };
}

/** The user behind a bearer token, or UNAUTHENTICATED / SESSION_EXPIRED. */
export async function authenticate(db: Db, token: string | null, now: Date = new Date()): Promise<AuthUser> {
  if (!token) throw new AppError('UNAUTHENTICATED');
  const tokenHash = hashToken(token);
  const [found] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!found) throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.');
  if (found.session.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    throw new AppError('SESSION_EXPIRED');
  }
  if (!found.user.active) throw new AppError('UNAUTHENTICATED', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị.');
  return { ...toUser(found.user), sessionClientId: found.session.clientId, tokenHash };
}

export async function logout(db: Db, tokenHash: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.userId, userId)));
}
