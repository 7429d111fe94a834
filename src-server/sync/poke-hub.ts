/**
 * Realtime pokes over Server-Sent Events. A poke carries only the latest version (never data), so it may go to
 * every subscriber; each client then pulls what it may see.
 *
 * The instance that commits pokes its subscribers at once (`check()` after a push); a 1 s poll of the max
 * version covers commits made by OTHER instances sharing the database, keeping instances stateless.
 */
import type { ServerResponse } from 'node:http';
import type { Db } from '../db/client';
import { maxCommittedVersion } from '../db/versions';
import type { Logger } from '../http/http-utils';

const KEEP_ALIVE_MS = 15_000;
const POLL_MS = 1_000;

export type PokeHub = {
  subscribe(res: ServerResponse): Promise<void>;
  /** Reads the max committed version and pokes everyone if it moved. */
  check(): Promise<void>;
  close(): void;
};

export function createPokeHub(db: Db, logger: Logger): PokeHub {
  const subscribers = new Set<ServerResponse>();
  let lastVersion = -1;
  let checking: Promise<void> | null = null;
  let closed = false;

  const send = (res: ServerResponse, version: number) => res.write(`event: poke\ndata: ${JSON.stringify({ version })}\n\n`);

  const check = (): Promise<void> => {
    // Coalesce concurrent checks: one query answers all of them.
    checking ??= (async () => {
      try {
        const version = await maxCommittedVersion(db);
        if (version > lastVersion) {
          const first = lastVersion < 0;
          lastVersion = version;
          if (!first) for (const res of subscribers) send(res, version);
        }
      } catch (err) {
        if (!closed) logger.warn('poke check failed', { err: String(err) });
      } finally {
        checking = null;
      }
    })();
    return checking;
  };

  const poll = setInterval(() => void check(), POLL_MS);
  const keepAlive = setInterval(() => {
    for (const res of subscribers) res.write(': keep-alive\n\n');
  }, KEEP_ALIVE_MS);
  poll.unref();
  keepAlive.unref();

  return {
    async subscribe(res) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      subscribers.add(res);
      res.on('close', () => subscribers.delete(res));
      // The current version at once: a client (re)connecting learns whether it missed something.
      const version = await maxCommittedVersion(db);
      if (!res.writableEnded) send(res, version);
    },
    check,
    close() {
      closed = true;
      clearInterval(poll);
      clearInterval(keepAlive);
      for (const res of subscribers) res.end();
      subscribers.clear();
    },
  };
}
