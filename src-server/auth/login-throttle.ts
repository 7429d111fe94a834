/**
 * Slows down password guessing: after MAX_FAILURES wrong passwords for one username within WINDOW_MS, that
 * username is refused (without checking the password) until LOCK_MS has passed. Keyed by username, not by
 * address: a whole commune sits behind one NAT address, and locking it would stop everyone's work. A
 * successful login clears the count. State is per server instance and in memory (a restart forgets it);
 * behind a load balancer each instance counts on its own, which still bounds guesses per instance.
 */
import { AppError } from '../../src-shared/contract/errors';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 5 * 60_000;

type Entry = { failures: number[]; lockedUntil: number };

export type LoginThrottle = {
  /** Throws TOO_MANY_ATTEMPTS while the username is locked. */
  check(username: string, now?: number): void;
  failed(username: string, now?: number): void;
  succeeded(username: string): void;
};

export function createLoginThrottle(): LoginThrottle {
  const entries = new Map<string, Entry>();
  const key = (username: string) => username.trim().toLowerCase();
  return {
    check(username, now = Date.now()) {
      const e = entries.get(key(username));
      if (!e || e.lockedUntil <= now) return;
      const minutes = Math.max(1, Math.ceil((e.lockedUntil - now) / 60_000));
      throw new AppError(
        'TOO_MANY_ATTEMPTS',
        `Tài khoản đã bị nhập sai mật khẩu ${MAX_FAILURES} lần liên tiếp nên tạm khóa đăng nhập. Vui lòng thử lại sau ${minutes} phút, hoặc liên hệ quản trị để đặt lại mật khẩu.`,
      );
    },
    failed(username, now = Date.now()) {
      const k = key(username);
      const e = entries.get(k) ?? { failures: [], lockedUntil: 0 };
      e.failures = e.failures.filter((t) => now - t < WINDOW_MS);
      e.failures.push(now);
      if (e.failures.length >= MAX_FAILURES) {
        e.lockedUntil = now + LOCK_MS;
        e.failures = [];
      }
      entries.set(k, e);
      // Bounded memory under a spray of random usernames: forget entries that can no longer matter.
      if (entries.size > 10_000) {
        for (const [name, v] of entries) if (v.lockedUntil <= now && v.failures.every((t) => now - t >= WINDOW_MS)) entries.delete(name);
      }
    },
    succeeded(username) {
      entries.delete(key(username));
    },
  };
}
