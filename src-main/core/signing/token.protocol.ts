/**
 * Messages between the app and the token worker process. Binary values travel as base64 so the
 * protocol stays plain JSON over the IPC channel.
 */
import type { ErrorValue } from '../../../src-shared/contract/errors';

export type TokenCertificate = { keyId: string; label: string; certDerBase64: string };

export type TokenSummary = {
  modulePath: string;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  flags: number;
  certificates: TokenCertificate[];
};

export type TokenRef = { modulePath: string; serial?: string; label?: string };

export type SignMechanism = 'RSA_PKCS' | 'ECDSA';

export type TokenRequest =
  | { op: 'listTokens'; modulePaths: string[] }
  | { op: 'openSession'; token: TokenRef; pin: string; confirmFinalTry: boolean }
  | { op: 'sign'; sessionId: string; keyId: string; mechanism: SignMechanism; dataBase64: string }
  | { op: 'closeSession'; sessionId: string }
  | { op: 'finalizeModule'; modulePath: string };

export type TokenResponseValue = {
  listTokens: { tokens: TokenSummary[]; unavailableModules: string[] };
  openSession: { sessionId: string; warning?: { code: 'PIN_COUNT_LOW'; message: string } };
  sign: { signatureBase64: string };
  closeSession: { closed: true };
  finalizeModule: { finalized: true };
};

export type WorkerEnvelope = { id: number; request: TokenRequest };
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorValue };
