/**
 * PIN safety through the real token worker and a real SoftHSM2 token: wrong PIN → "few tries left" → final try
 * (nothing attempted without the user's confirmation) → locked (reported, nothing attempted). SoftHSM2 sets
 * COUNT_LOW by itself but never FINAL_TRY or LOCKED, so the worker runs with the documented TEST SEAM
 * (pin-retry.test-seam.ts, env VANBAN_TEST_SEAM_PIN_RETRIES) that counts wrong tries like a real token does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';
import { SOFTHSM_MODULE } from '../../../tests/helpers/softhsm';
import { PIN_RETRY_SEAM_ENV } from './pin-retry.test-seam';
import { pinStateFromFlags } from './pin-policy';
import { createTokenClient, type TokenClient } from './token.client';

let env: SigningTestEnv;
let tokens: TokenClient;

beforeAll(() => {
  env = createSigningTestEnv();
  env.hsm.addToken('PIN 1', LEADER_PIN);
  env.hsm.importIdentity('PIN 1', LEADER_PIN, env.pki.leader, '01');
  env.hsm.addToken('PIN 2', LEADER_PIN);
  env.hsm.importIdentity('PIN 2', LEADER_PIN, env.pki.leader, '01');
  tokens = createTokenClient({ env: { ...env.hsm.env, [PIN_RETRY_SEAM_ENV]: '3' } });
});
afterAll(async () => {
  await tokens?.dispose();
  await env?.dispose();
});

const token = (label: string) => ({ modulePath: SOFTHSM_MODULE, label });

async function pinState(label: string) {
  const { tokens: list } = await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] });
  return pinStateFromFlags(list.find((t) => t.label === label)!.flags);
}

async function login(label: string, pin: string, confirmFinalTry = false) {
  try {
    const opened = await tokens.call({ op: 'openSession', token: token(label), pin, confirmFinalTry });
    await tokens.call({ op: 'closeSession', sessionId: opened.sessionId });
    return { ok: true as const, warning: opened.warning?.code ?? null };
  } catch (err) {
    const e = err as { code: string; message: string };
    return { ok: false as const, code: e.code, message: e.message };
  }
}

describe('PIN tries on a token (real SoftHSM2 + retry-counting test seam)', () => {
  it('wrong PIN → few tries left → final try needs confirmation → locked, and a locked token is never tried', async () => {
    expect(await pinState('PIN 1')).toBe('ok');

    expect(await login('PIN 1', '000000')).toMatchObject({ ok: false, code: 'PIN_INCORRECT', message: expect.stringContaining('Còn ít lần thử') });
    expect(await pinState('PIN 1')).toBe('countLow');

    expect(await login('PIN 1', '000001')).toMatchObject({ ok: false, code: 'PIN_INCORRECT', message: expect.stringContaining('Chỉ còn 1 lần thử') });
    expect(await pinState('PIN 1')).toBe('finalTry');

    // Without the user's explicit confirmation nothing is attempted, not even with the right PIN.
    expect(await login('PIN 1', LEADER_PIN)).toMatchObject({ ok: false, code: 'PIN_FINAL_TRY' });
    expect(await pinState('PIN 1')).toBe('finalTry');

    // Confirmed, but wrong: the token locks and the user is told so.
    expect(await login('PIN 1', '000002', true)).toMatchObject({ ok: false, code: 'PIN_LOCKED', message: expect.stringContaining('bị khóa') });
    expect(await pinState('PIN 1')).toBe('locked');

    // Locked: even the right PIN is not sent to the token.
    expect(await login('PIN 1', LEADER_PIN, true)).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    // The other token is untouched.
    expect(await pinState('PIN 2')).toBe('ok');
  });

  it('on the final try, the right PIN with confirmation signs in and the count starts again', async () => {
    await login('PIN 2', '000000');
    await login('PIN 2', '000001');
    expect(await pinState('PIN 2')).toBe('finalTry');
    expect(await login('PIN 2', LEADER_PIN, true)).toEqual({ ok: true, warning: null });
    expect(await pinState('PIN 2')).toBe('ok');
  });
});
