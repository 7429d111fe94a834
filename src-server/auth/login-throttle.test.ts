import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src-shared/contract/errors';
import { createLoginThrottle, LOCK_MS, MAX_FAILURES, WINDOW_MS } from './login-throttle';

function refusal(fn: () => void): AppError | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err as AppError;
  }
}

describe('login throttle', () => {
  it('locks a username after the fifth failure in the window and unlocks it after the lock time', () => {
    const t = createLoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.failed('VanThu', t0 + i);
    expect(refusal(() => t.check('vanthu', t0 + 10))).toBeNull();
    t.failed(' vanthu ', t0 + 20);
    const err = refusal(() => t.check('vanthu', t0 + 30));
    expect(err?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(err?.message).toContain('thử lại sau 5 phút');
    expect(refusal(() => t.check('giamdoc', t0 + 30))).toBeNull();
    expect(refusal(() => t.check('vanthu', t0 + 20 + LOCK_MS))).toBeNull();
  });

  it('forgets failures older than the window and after a successful login', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.failed('vanthu', i);
    t.failed('vanthu', WINDOW_MS + 10);
    expect(refusal(() => t.check('vanthu', WINDOW_MS + 20))).toBeNull();
    for (let i = 0; i < MAX_FAILURES - 1; i++) t.failed('giamdoc', i);
    t.succeeded('giamdoc');
    t.failed('giamdoc', 100);
    expect(refusal(() => t.check('giamdoc', 200))).toBeNull();
  });
});
