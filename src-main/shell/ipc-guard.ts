/**
 * Checks of one IPC call before it reaches the core: the sender must be the top frame of our own app page
 * (not an iframe, not a page that navigated elsewhere), and the message must have the contract's call shape.
 * Pure (no electron import) so it is unit-tested; ipc-bridge.ts feeds it the Electron event's data.
 */
import { callMessageSchema, DEFAULT_MESSAGES, type ErrorValue } from '../../src-shared/contract';
import { isAppUrl } from './app-origin';

export type CallSender = { frameUrl: string | null; isTopFrame: boolean };

export type CheckedCall = { ok: true; method: string; params: unknown } | { ok: false; error: ErrorValue };

export function checkIpcCall(sender: CallSender, raw: unknown): CheckedCall {
  if (!sender.frameUrl || !sender.isTopFrame || !isAppUrl(sender.frameUrl)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: DEFAULT_MESSAGES.FORBIDDEN } };
  }
  const parsed = callMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: DEFAULT_MESSAGES.INVALID_INPUT } };
  return { ok: true, method: parsed.data.method, params: parsed.data.params ?? {} };
}
