/**
 * The agency server: plain node:http routing to auth, sync and blob handlers over one database.
 * Stateless apart from its blob directory: several instances may share one PostgreSQL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AppError, toErrorValue } from '../src-shared/contract/errors';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  loginRequestSchema,
  pushRequestSchema,
  type PullResponse,
} from '../src-shared/sync/protocol';
import { createLoginThrottle } from './auth/login-throttle';
import { authenticate, login, logout } from './auth/session.service';
import type { AuthUser } from './auth/visibility';
import { createBlobStore } from './blobs/blob-store';
import { getBlob, headBlob, parseSha, patchBlob } from './blobs/blob.handlers';
import { openDb } from './db/client';
import { toOrganization } from './db/mappers';
import { organization } from './db/schema';
import { bearerToken, parseInput, readJson, sendError, sendJson, stderrLogger, type Logger } from './http/http-utils';
import { createPokeHub } from './sync/poke-hub';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, pull } from './sync/pull.service';
import { push } from './sync/push.service';
import { createActivityRecorder, usageQuerySchema, usageReport } from './http/routing.routes';

export const SERVER_VERSION = '0.1.0';

export type StartServerOptions = {
  dataDir: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
  seed?: 'demo' | 'none';
  logger?: Logger;
};

export type RunningServer = { url: string; port: number; close(): Promise<void> };

const LOGIN_BODY_LIMIT = 16 * 1024;
// 500 mutations with up to 50 files each stay well under this.
const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? stderrLogger();
  const handle = await openDb({ pgliteDir: path.join(opts.dataDir, 'pglite'), databaseUrl: opts.databaseUrl });
  const { db } = handle;
  const store = createBlobStore(db, opts.dataDir);
  if ((opts.seed ?? 'demo') === 'demo' && (await db.select().from(organization).limit(1)).length === 0) {
    // Loaded only for an empty database: the PDF libraries cost startup time on every other start.
    const { seedDemoIfEmpty } = await import('./seed/demo');
    await seedDemoIfEmpty(db, store, logger);
  }
  const hub = createPokeHub(db, logger);
  const loginThrottle = createLoginThrottle();
  await hub.check();

  const recordActivity = createActivityRecorder(db);
  async function requireUser(req: IncomingMessage): Promise<AuthUser> {
    const user = await authenticate(db, bearerToken(req));
    // Daily usage for the leaders' report: any authenticated request (push, pull, files…) counts.
    await recordActivity(user.id);
    return user;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { pathname } = url;
    const method = req.method ?? 'GET';
    const protocol = req.headers[PROTOCOL_HEADER];
    if (pathname !== '/api/health' && typeof protocol === 'string' && protocol !== String(PROTOCOL_VERSION)) {
      throw new AppError('PROTOCOL_MISMATCH');
    }
    if (pathname === '/api/health' && method === 'GET') {
      sendJson(res, 200, { ok: true, version: SERVER_VERSION, protocolVersion: PROTOCOL_VERSION });
      return;
    }
    if (pathname === '/api/auth/login' && method === 'POST') {
      const body = await readJson(req, loginRequestSchema, LOGIN_BODY_LIMIT);
      const session = await login(db, body, new Date(), loginThrottle);
      await recordActivity(session.user.id);
      sendJson(res, 200, session);
      return;
    }
    if (pathname === '/api/auth/logout' && method === 'POST') {
      const user = await requireUser(req);
      await logout(db, user.tokenHash, user.id);
      sendJson(res, 200, { ok: true });
      return;
    }
    if (pathname === '/api/me' && method === 'GET') {
      const { sessionClientId: _c, tokenHash: _t, ...user } = await requireUser(req);
      const [org] = await db.select().from(organization);
      if (!org) throw new AppError('INTERNAL', 'Máy chủ chưa được khởi tạo thông tin cơ quan. Vui lòng báo quản trị.');
      sendJson(res, 200, { user, organization: toOrganization(org) });
      return;
    }
    if (pathname === '/api/sync/push' && method === 'POST') {
      const user = await requireUser(req);
      const body = await readJson(req, pushRequestSchema, PUSH_BODY_LIMIT);
      if (body.clientId !== user.sessionClientId) {
        throw new AppError('FORBIDDEN', 'Mã máy trạm không khớp với phiên đăng nhập. Vui lòng đăng nhập lại.');
      }
      const { changed, ...response } = await push(db, user, body);
      sendJson(res, 200, response);
      if (changed) void hub.check();
      return;
    }
    if (pathname === '/api/sync/pull' && method === 'GET') {
      const user = await requireUser(req);
      const q = parseInput(pullQuerySchema, Object.fromEntries(url.searchParams));
      const page: PullResponse = await pull(db, user, q.cursor, q.limit);
      sendJson(res, 200, page);
      return;
    }
    if (pathname === '/api/sync/events' && method === 'GET') {
      await requireUser(req);
      await hub.subscribe(res);
      return;
    }
    if (pathname === '/api/reports/usage' && method === 'GET') {
      const user = await requireUser(req);
      const q = parseInput(usageQuerySchema, Object.fromEntries(url.searchParams));
      sendJson(res, 200, await usageReport(db, user, q.from, q.to));
      return;
    }
    const blob = /^\/api\/blobs\/([^/]+)$/.exec(pathname);
    if (blob?.[1]) {
      const user = await requireUser(req);
      const sha = parseSha(blob[1]);
      if (method === 'HEAD' && !req.headers.range) return headBlob(store, sha, res);
      if (method === 'PATCH') return patchBlob(store, sha, req, res);
      if (method === 'GET') return getBlob(db, store, user, sha, req, res);
    }
    throw new AppError('NOT_FOUND', 'Đường dẫn không tồn tại trên máy chủ.');
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    route(req, res, url)
      .catch((err: unknown) => {
        const value = toErrorValue(err);
        if (value.code === 'INTERNAL') logger.error('request failed', { method: req.method, path: url.pathname, err: String(err) });
        sendError(res, value);
      })
      .finally(() => {
        // Path only: query strings and headers could carry secrets in the future; tokens are never logged.
        if (url.pathname !== '/api/sync/events') {
          logger.info('request', { method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started });
        }
      });
  });
  server.keepAliveTimeout = 65_000;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await handle.close();
      })();
      return closing;
    },
  };
}
