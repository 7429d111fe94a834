/**
 * PIN safety rules applied before every login (DESIGN.md "Signing"): read the token flags first; a low retry
 * count is a warning, the final try needs the user's explicit confirmation, a locked token is reported as such.
 * The flags come through `PinPort`, a thin seam the real token supplies (SoftHSM2 never sets these flags, so
 * tests feed the real token's flags with extra bits set).
 */
import { AppError, DEFAULT_MESSAGES } from '../../../src-shared/contract/errors';

// PKCS#11 v2.40 token flag bits (CK_TOKEN_INFO.flags).
export const CKF_USER_PIN_COUNT_LOW = 0x00010000;
export const CKF_USER_PIN_FINAL_TRY = 0x00020000;
export const CKF_USER_PIN_LOCKED = 0x00040000;

export type PinState = 'ok' | 'countLow' | 'finalTry' | 'locked';

export function pinStateFromFlags(flags: number): PinState {
  if (flags & CKF_USER_PIN_LOCKED) return 'locked';
  if (flags & CKF_USER_PIN_FINAL_TRY) return 'finalTry';
  if (flags & CKF_USER_PIN_COUNT_LOW) return 'countLow';
  return 'ok';
}

export type PinPort = {
  readFlags(): number;
  /** Performs C_Login; throws `{ code: CKR_* }` from the module on failure. */
  login(pin: string): void;
};

export type LoginOutcome = { warning?: { code: 'PIN_COUNT_LOW'; message: string } };

export const CKR_PIN_INCORRECT = 0xa0;
export const CKR_PIN_INVALID = 0xa1;
export const CKR_PIN_LEN_RANGE = 0xa2;
export const CKR_PIN_LOCKED = 0xa4;
export const CKR_USER_ALREADY_LOGGED_IN = 0x100;

/** Message after a wrong PIN, from the flags the token reports right after the failed try. */
export function wrongPinMessage(flagsAfter: number): AppError {
  switch (pinStateFromFlags(flagsAfter)) {
    case 'locked':
      return new AppError('PIN_LOCKED');
    case 'finalTry':
      return new AppError(
        'PIN_INCORRECT',
        'Mã PIN không đúng. Chỉ còn 1 lần thử: nếu nhập sai nữa, USB ký số sẽ bị khóa. Hãy kiểm tra kỹ mã PIN.',
      );
    case 'countLow':
      return new AppError('PIN_INCORRECT', 'Mã PIN không đúng. Còn ít lần thử trước khi USB ký số bị khóa; hãy nhập lại cẩn thận.');
    case 'ok':
      return new AppError('PIN_INCORRECT', 'Mã PIN không đúng. Hãy nhập lại mã PIN của USB ký số.');
  }
}

/**
 * Logs in once, obeying the flags. `confirmFinalTry` is true only when the user has just confirmed a dialog
 * that says this is the last try; without it nothing is attempted on the final try.
 */
export function loginWithPinPolicy(port: PinPort, pin: string, confirmFinalTry: boolean): LoginOutcome {
  const state = pinStateFromFlags(port.readFlags());
  if (state === 'locked') throw new AppError('PIN_LOCKED');
  if (state === 'finalTry' && !confirmFinalTry) throw new AppError('PIN_FINAL_TRY');
  try {
    port.login(pin);
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code === CKR_USER_ALREADY_LOGGED_IN) return {};
    if (code === CKR_PIN_LOCKED) throw new AppError('PIN_LOCKED');
    if (code === CKR_PIN_INCORRECT) throw wrongPinMessage(port.readFlags());
    if (code === CKR_PIN_INVALID || code === CKR_PIN_LEN_RANGE) {
      throw new AppError('PIN_INCORRECT', 'Mã PIN không đúng định dạng (sai độ dài hoặc có ký tự không hợp lệ). Hãy nhập lại mã PIN của USB ký số.');
    }
    throw err;
  }
  return state === 'countLow' ? { warning: { code: 'PIN_COUNT_LOW', message: DEFAULT_MESSAGES.PIN_COUNT_LOW } } : {};
}
