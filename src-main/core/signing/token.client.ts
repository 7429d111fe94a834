/**
 * Typed calls to the token worker. The worker lives in another process (a vendor PKCS#11 driver that
 * segfaults kills only that process; the next call starts a new one) reached through a `TokenTransport`:
 * a forked child by default, or a MessagePort to an Electron utility process in the installed app.
 */
import { AppError } from '../../../src-shared/contract/errors';
import type { TokenRequest, TokenResponseValue } from './token.protocol';
import { forkTransport, type ForkTransportOptions, type TokenLink, type TokenTransport } from './token-transport';

export type TokenClientOptions = ForkTransportOptions & {
  /** Overrides the fork (env/workerPath/execArgv are then unused). */
  transport?: TokenTransport;
};

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

export type TokenClient = {
  call<Op extends TokenRequest['op']>(request: Extract<TokenRequest, { op: Op }>): Promise<TokenResponseValue[Op]>;
  /** The worker's process id when the transport knows it, for diagnostics (undefined until the first call). */
  workerPid(): number | undefined;
  dispose(): Promise<void>;
};

export function createTokenClient(options: TokenClientOptions = {}): TokenClient {
  const transport = options.transport ?? forkTransport(options);
  let link: Promise<TokenLink> | undefined;
  let current: TokenLink | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function connect(): Promise<TokenLink> {
    const connecting = transport.connect().then((l) => {
      current = l;
      l.onReply((reply) => {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.value);
        else p.reject(new AppError(reply.error.code, reply.error.message));
      });
      l.onClose(() => {
        if (current === l) {
          current = undefined;
          link = undefined;
        }
        // A crashed driver loses its sessions: every call in flight fails as if the token was pulled out.
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new AppError('TOKEN_REMOVED'));
        }
      });
      return l;
    });
    // A failed start is not cached: the next call tries again.
    connecting.catch(() => {
      if (link === connecting) link = undefined;
    });
    return connecting;
  }

  return {
    async call(request) {
      link ??= connect();
      let l: TokenLink;
      try {
        l = await link;
      } catch (err) {
        throw err instanceof AppError ? err : new AppError('TOKEN_MODULE_UNAVAILABLE', undefined, String(err));
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        l.send({ id, request });
      });
    },
    workerPid() {
      return current?.pid;
    },
    async dispose() {
      const l = link;
      link = undefined;
      current = undefined;
      if (l) await l.then((x) => x.close(), () => undefined);
    },
  };
}
