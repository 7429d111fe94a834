/**
 * The browser host: serves the built renderer over HTTP on 127.0.0.1 and bridges the contract over a
 * WebSocket at /rpc to a core in this process. Used for development without Electron and by the e2e tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  SECURITY_HEADERS,
  allowedHosts,
  allowedOrigins,
  cookieName,
  newAccessToken,
  readCookie,
  sameToken,
} from './host-security';
import { bridgeContract, type HostedCore, type Logger } from './rpc-socket';
import { lookupStatic, sendFile } from './static-files';

/** Big enough for a 100 MB scan sent as base64 with `intake.stageFile`. */
export const MAX_MESSAGE_BYTES = 150 * 1024 * 1024;

export type HostOptions<Ctx> = {
  core: HostedCore<Ctx>;
  port: number;
  /** Only loopback is allowed: the host has no TLS and trusts the token alone. */
  host?: '127.0.0.1';
  staticDir: string;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  log?: Logger;
};

export type RunningHost = { url: string; origin: string; port: number; token: string; close(): Promise<void> };

const consoleLogger: Logger = {
  warn: (m, e) => console.warn(`[host] ${m}`, e ?? ''),
  error: (m, e) => console.error(`[host] ${m}`, e ?? ''),
};

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export async function startHost<Ctx>(options: HostOptions<Ctx>): Promise<RunningHost> {
  const bindHost = options.host ?? '127.0.0.1';
  if (bindHost !== '127.0.0.1') throw new Error('the browser host binds to 127.0.0.1 only');
  const token = options.token ?? newAccessToken();
  const log = options.log ?? consoleLogger;
  let port = options.port;

  const authorised = (req: IncomingMessage, url: URL): boolean =>
    sameToken(token, url.searchParams.get('k')) || sameToken(token, readCookie(req, cookieName(port)));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts(port).has(req.headers.host ?? '')) return plain(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!authorised(req, url)) {
      return plain(res, 403, 'Thiếu mã truy cập. Hãy mở VanBan Desk bằng đường dẫn đầy đủ (có ?k=...) được in ra khi khởi động.');
    }
    const found = await lookupStatic(options.staticDir, url.pathname);
    if (found.kind === 'badRequest') return plain(res, 400, 'Bad request');
    if (found.kind === 'notFound') return plain(res, 404, 'Không tìm thấy');
    const isHtml = found.mime.startsWith('text/html');
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      // Hashed asset names never change content; the page itself must always be fresh.
      'Cache-Control': isHtml ? 'no-store' : 'private, max-age=31536000, immutable',
    };
    if (isHtml) headers['Set-Cookie'] = `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    if (req.method === 'HEAD') {
      res.writeHead(200, { ...headers, 'Content-Type': found.mime, 'Content-Length': String(found.size) });
      res.end();
      return;
    }
    sendFile(res, found, headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error('http handler failed', err);
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const unbridge = bridgeContract(wss, options.core, log);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid'}`);
    const ok =
      url.pathname === '/rpc' &&
      allowedHosts(port).has(req.headers.host ?? '') &&
      allowedOrigins(port).has(req.headers.origin ?? '') &&
      sameToken(token, url.searchParams.get('k'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${bindHost}:${port}`;

  return {
    url: `${origin}/?k=${token}`,
    origin,
    port,
    token,
    async close() {
      unbridge();
      for (const ws of wss.clients) ws.close(1001, 'host shutting down');
      // Give the close frames a moment to leave, then drop whatever did not answer.
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
