/**
 * What the token worker does, apart from how it is reached: every loaded PKCS#11 module, sessions, and the
 * strict FIFO of requests (PKCS#11 sessions are not safe for concurrent use, CKR_OPERATION_ACTIVE). The same
 * code serves a forked child (tests, browser host) and an Electron utility process talking over a
 * MessagePort (installed app); see token.worker.ts and token-transport.ts. The PIN is used for C_Login and
 * never kept.
 */
import pkcs11js from 'pkcs11js';
import { AppError, toErrorValue } from '../../../src-shared/contract/errors';
import { loginWithPinPolicy, type PinPort } from './pin-policy';
import type { TokenRequest, TokenSummary, TokenRef, WorkerEnvelope, WorkerReply } from './token.protocol';
import { pinRetrySeamFromEnv } from './pin-retry.test-seam';

type Handle = Buffer;
type Session = { modulePath: string; handle: Handle; slot: Handle; token: TokenRef };

// Result codes that mean the token went away under us (unplugged, or the module was reset).
const REMOVED_CODES = new Set([
  pkcs11js.CKR_DEVICE_REMOVED,
  pkcs11js.CKR_TOKEN_NOT_PRESENT,
  pkcs11js.CKR_SESSION_HANDLE_INVALID,
  pkcs11js.CKR_SESSION_CLOSED,
  pkcs11js.CKR_KEY_HANDLE_INVALID,
  pkcs11js.CKR_OBJECT_HANDLE_INVALID,
  pkcs11js.CKR_DEVICE_ERROR,
  pkcs11js.CKR_CRYPTOKI_NOT_INITIALIZED,
  pkcs11js.CKR_TOKEN_NOT_RECOGNIZED,
]);

export function createWorkerState(env: NodeJS.ProcessEnv = process.env) {
  const pinSeam = pinRetrySeamFromEnv(env);
  const modules = new Map<string, pkcs11js.PKCS11>();
  const sessions = new Map<string, Session>();
  let nextSession = 1;

  function moduleFor(path: string): pkcs11js.PKCS11 {
    const existing = modules.get(path);
    if (existing) return existing;
    const mod = new pkcs11js.PKCS11();
    try {
      mod.load(path);
      try {
        mod.C_Initialize();
      } catch (err) {
        // The library is already initialized in this process (a second worker state sharing the process, as
        // the MessagePort tests do): PKCS#11 allows going on with it.
        if ((err as { code?: number }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw err;
      }
    } catch (err) {
      throw new AppError('TOKEN_MODULE_UNAVAILABLE', undefined, String(err));
    }
    modules.set(path, mod);
    return mod;
  }

  function listCertificates(mod: pkcs11js.PKCS11, slot: Handle) {
    const session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      mod.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]);
      const handles = mod.C_FindObjects(session, 64);
      mod.C_FindObjectsFinal(session);
      return handles.map((h) => {
        const attrs = mod.C_GetAttributeValue(session, h, [
          { type: pkcs11js.CKA_ID },
          { type: pkcs11js.CKA_LABEL },
          { type: pkcs11js.CKA_VALUE },
        ]);
        const [id, label, value] = attrs.map((a) => (a.value as Buffer | undefined) ?? Buffer.alloc(0));
        return { keyId: id!.toString('hex'), label: label!.toString('utf8'), certDerBase64: value!.toString('base64') };
      });
    } finally {
      mod.C_CloseSession(session);
    }
  }

  function listTokens(modulePaths: string[]) {
    const tokens: TokenSummary[] = [];
    const unavailableModules: string[] = [];
    for (const modulePath of modulePaths) {
      let mod: pkcs11js.PKCS11;
      try {
        mod = moduleFor(modulePath);
      } catch {
        unavailableModules.push(modulePath);
        continue;
      }
      for (const slot of mod.C_GetSlotList(true)) {
        const info = mod.C_GetTokenInfo(slot);
        if (!(info.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) continue;
        const flags = pinSeam ? pinSeam.flags(info.serialNumber.trim(), info.flags) : info.flags;
        tokens.push({
          modulePath,
          label: info.label.trim(),
          serial: info.serialNumber.trim(),
          manufacturer: info.manufacturerID.trim(),
          model: info.model.trim(),
          flags,
          certificates: listCertificates(mod, slot),
        });
      }
    }
    return { tokens, unavailableModules };
  }

  // Slot ids change between plug-ins: find the token by serial, else by label, every time.
  function findSlot(mod: pkcs11js.PKCS11, ref: TokenRef): Handle {
    for (const slot of mod.C_GetSlotList(true)) {
      const info = mod.C_GetTokenInfo(slot);
      if (ref.serial && info.serialNumber.trim() === ref.serial) return slot;
      if (!ref.serial && ref.label && info.label.trim() === ref.label) return slot;
    }
    throw new AppError('TOKEN_NOT_FOUND');
  }

  function openSession(token: TokenRef, pin: string, confirmFinalTry: boolean) {
    const mod = moduleFor(token.modulePath);
    const slot = findSlot(mod, token);
    const handle = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      const real: PinPort = { readFlags: () => mod.C_GetTokenInfo(slot).flags, login: (p) => mod.C_Login(handle, pkcs11js.CKU_USER, p) };
      const serial = mod.C_GetTokenInfo(slot).serialNumber.trim();
      const outcome = loginWithPinPolicy(pinSeam ? pinSeam.wrap(serial, real) : real, pin, confirmFinalTry);
      const sessionId = String(nextSession++);
      sessions.set(sessionId, { modulePath: token.modulePath, handle, slot, token });
      return { sessionId, ...outcome };
    } catch (err) {
      mod.C_CloseSession(handle);
      throw err;
    }
  }

  function sign(sessionId: string, keyId: string, mechanism: 'RSA_PKCS' | 'ECDSA', data: Buffer) {
    const session = sessions.get(sessionId);
    if (!session) throw new AppError('TOKEN_REMOVED');
    const mod = moduleFor(session.modulePath);
    mod.C_FindObjectsInit(session.handle, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(keyId, 'hex') },
    ]);
    const key = mod.C_FindObjects(session.handle, 1)[0];
    mod.C_FindObjectsFinal(session.handle);
    if (!key) {
      // Some drivers (and SoftHSM2) answer "no such object" instead of an error when the token is gone.
      try {
        findSlot(mod, session.token);
      } catch {
        throw new AppError('TOKEN_REMOVED');
      }
      throw new AppError('CERT_NOT_FOUND');
    }
    const mech = mechanism === 'RSA_PKCS' ? pkcs11js.CKM_RSA_PKCS : pkcs11js.CKM_ECDSA;
    mod.C_SignInit(session.handle, { mechanism: mech }, key);
    const signature = mod.C_Sign(session.handle, data, Buffer.alloc(1024));
    return { signatureBase64: signature.toString('base64') };
  }

  function closeSession(sessionId: string) {
    const session = sessions.get(sessionId);
    sessions.delete(sessionId);
    if (session) {
      try {
        const mod = moduleFor(session.modulePath);
        mod.C_Logout(session.handle);
        mod.C_CloseSession(session.handle);
      } catch {
        // The token may already be gone; the session is dead either way.
      }
    }
    return { closed: true as const };
  }

  function finalizeModule(modulePath: string) {
    const mod = modules.get(modulePath);
    modules.delete(modulePath);
    for (const [id, s] of sessions) if (s.modulePath === modulePath) sessions.delete(id);
    if (mod) {
      mod.C_Finalize();
      mod.close();
    }
    return { finalized: true as const };
  }

  return {
    handle(request: TokenRequest): unknown {
      switch (request.op) {
        case 'listTokens':
          return listTokens(request.modulePaths);
        case 'openSession':
          return openSession(request.token, request.pin, request.confirmFinalTry);
        case 'sign':
          return sign(request.sessionId, request.keyId, request.mechanism, Buffer.from(request.dataBase64, 'base64'));
        case 'closeSession':
          return closeSession(request.sessionId);
        case 'finalizeModule':
          return finalizeModule(request.modulePath);
      }
    },
  };
}

export function toReplyError(err: unknown) {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' && REMOVED_CODES.has(code)) return new AppError('TOKEN_REMOVED').toValue();
  if (err instanceof AppError) return err.toValue();
  process.stderr.write(`token worker: ${String(err)}\n`);
  return toErrorValue(err);
}

/** One end of the link to the app: a child's IPC channel or a MessagePort. */
export type WorkerEndpoint = {
  onMessage(listener: (msg: WorkerEnvelope) => void): void;
  post(reply: WorkerReply): void;
};

/** Answers requests from `endpoint` one at a time, in arrival order. */
export function serveTokenRequests(endpoint: WorkerEndpoint, env: NodeJS.ProcessEnv = process.env): void {
  const state = createWorkerState(env);
  // Every request waits for the previous one: a strict FIFO even if a handler becomes async one day.
  let queue: Promise<void> = Promise.resolve();
  endpoint.onMessage((msg) => {
    queue = queue.then(async () => {
      let reply: WorkerReply;
      try {
        reply = { id: msg.id, ok: true, value: await state.handle(msg.request) };
      } catch (err) {
        reply = { id: msg.id, ok: false, error: toReplyError(err) };
      }
      endpoint.post(reply);
    });
  });
}
