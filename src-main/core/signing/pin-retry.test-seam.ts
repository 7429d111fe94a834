/**
 * TEST SEAM (named as such on purpose): inactive unless the env variable VANBAN_TEST_SEAM_PIN_RETRIES is set,
 * which only tests and the e2e hosts do.
 *
 * Tokens used in Vietnam (ePass2003, SafeNet, VNPT/Viettel/BKAV tokens) count wrong PINs and report
 * CKF_USER_PIN_COUNT_LOW, then CKF_USER_PIN_FINAL_TRY, then CKF_USER_PIN_LOCKED. SoftHSM2, the real module the
 * tests use, only sets COUNT_LOW and never locks. This seam wraps the REAL C_Login and the REAL flags of each
 * token with a per-token counter of wrong tries, so the worker, the contract and the dialog see the same
 * sequence a real token gives: with N tries, FINAL_TRY after N-1 wrong ones, LOCKED after N (C_Login then
 * fails with CKR_PIN_LOCKED without reaching the module). A right PIN resets the counter, as on real tokens.
 */
import { CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED, CKR_PIN_INCORRECT, CKR_PIN_LOCKED, type PinPort } from './pin-policy';

export const PIN_RETRY_SEAM_ENV = 'VANBAN_TEST_SEAM_PIN_RETRIES';

export type PinRetrySeam = {
  /** The token's real flags plus the bits its wrong-try count implies. */
  flags(serial: string, realFlags: number): number;
  wrap(serial: string, real: PinPort): PinPort;
};

export function pinRetrySeamFromEnv(env: NodeJS.ProcessEnv): PinRetrySeam | undefined {
  const raw = env[PIN_RETRY_SEAM_ENV];
  if (!raw) return undefined;
  const tries = Number(raw);
  if (!Number.isInteger(tries) || tries < 2) throw new Error(`${PIN_RETRY_SEAM_ENV} must be an integer >= 2`);
  process.stderr.write(`token worker: TEST SEAM active, tokens lock after ${tries} wrong PINs\n`);
  const wrong = new Map<string, number>();

  const flags = (serial: string, realFlags: number) => {
    const n = wrong.get(serial) ?? 0;
    if (n >= tries) return realFlags | CKF_USER_PIN_LOCKED;
    if (n === tries - 1) return realFlags | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW;
    if (n > 0) return realFlags | CKF_USER_PIN_COUNT_LOW;
    return realFlags;
  };

  return {
    flags,
    wrap(serial, real) {
      return {
        readFlags: () => flags(serial, real.readFlags()),
        login(pin) {
          if ((wrong.get(serial) ?? 0) >= tries) throw Object.assign(new Error('CKR_PIN_LOCKED'), { code: CKR_PIN_LOCKED });
          try {
            real.login(pin);
            wrong.delete(serial);
          } catch (err) {
            if ((err as { code?: number }).code === CKR_PIN_INCORRECT) wrong.set(serial, (wrong.get(serial) ?? 0) + 1);
            throw err;
          }
        },
      };
    },
  };
}
