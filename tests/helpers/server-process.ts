/**
 * Runs the REAL agency server as a child process (`node --import tsx src-server/main.ts`), as users run it.
 * Resolves once the server prints its listening line. `restart()` reuses the same port and data dir, so a test
 * can take the server "offline" and bring it back.
 *
 * Also small HTTP helpers speaking the sync protocol, for server tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  loginResponseSchema,
  meResponseSchema,
  PROTOCOL_VERSION,
  pullResponseSchema,
  pushResponseSchema,
  UPLOAD_CHUNK_BYTES,
} from '../../src-shared/sync/protocol';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { copyServerTemplate, REPO_ROOT } from './pglite-template';

export type SpawnServerOptions = {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  seed?: 'demo' | 'none';
  /** Extra environment for the server process. */
  env?: Record<string, string>;
};

export type ServerProcess = {
  url: string;
  port: number;
  dataDir: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  /** stop() and remove the data dir when this helper created it. */
  dispose(): Promise<void>;
  /** stderr (JSON log lines) so far, for diagnostics. */
  logs(): string;
  /** Exit of the last stopped process (code, or the signal when it did not exit by itself). */
  lastExit(): { code: number | null; signal: NodeJS.Signals | null } | null;
};

const LISTENING = /VanBan server listening on (http:\/\/\S+:(\d+))/;

export async function spawnServer(opts: SpawnServerOptions = {}): Promise<ServerProcess> {
  const seed = opts.seed ?? 'demo';
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vanban-server-')));
  // A fresh PGlite dir costs seconds: start from a prepared copy (already seeded for the demo).
  if (!opts.databaseUrl && !existsSync(path.join(dataDir, 'pglite'))) {
    await copyServerTemplate(seed === 'demo' ? 'demo' : 'migrated', dataDir);
  }
  let port = opts.port ?? 0;
  let child: ChildProcess | null = null;
  let stderr = '';
  let lastExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          ...opts.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          VANBAN_SERVER_DATA: dataDir,
          VANBAN_SEED: seed,
          DATABASE_URL: opts.databaseUrl ?? '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let stdout = '';
      const onExit = (code: number | null) =>
        reject(new Error(`server exited (code ${code}) before listening:\n${stderr.slice(-4000)}`));
      proc.once('exit', onExit);
      proc.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      proc.stdout?.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = LISTENING.exec(stdout);
        if (m) {
          port = Number(m[2]);
          proc.off('exit', onExit);
          resolve();
        }
      });
    });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = child as ChildProcess | null;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.once('exit', (code, sig) => {
        clearTimeout(timer);
        lastExit = { code, signal: sig };
        resolve();
      });
      proc.kill(signal);
    });
  };

  await start();
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    get port() {
      return port;
    },
    dataDir,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async dispose() {
      await stop();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
    logs: () => stderr,
    lastExit: () => lastExit,
  };
  return server;
}

// ---- protocol helpers for tests ------------------------------------------------------------------------------

export const DEMO_PASSWORD = 'VanBan@2026';

export type Session = LoginResponse & { url: string; clientId: string };

export function headers(token?: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'x-protocol-version': String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}

export async function login(url: string, username: string, clientId: string = crypto.randomUUID()): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: headers(undefined, { 'content-type': 'application/json' }),
    body: JSON.stringify({ username, password: DEMO_PASSWORD, clientId }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  // Parsed with the shared schema: the server must speak exactly the protocol the desktop expects.
  const body: LoginResponse = loginResponseSchema.parse(await res.json());
  return { ...body, url, clientId };
}

export async function api<T = unknown>(
  s: { url: string; token: string },
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.url}${pathname}`, {
    method,
    headers: headers(s.token, body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : null;
  // Successful protocol answers are checked against the shared schemas.
  if (res.status === 200 && pathname === '/api/me') meResponseSchema.parse(parsed);
  if (res.status === 200 && pathname === '/api/sync/push') pushResponseSchema.parse(parsed);
  if (res.status === 200 && pathname.startsWith('/api/sync/pull')) pullResponseSchema.parse(parsed);
  return { status: res.status, body: parsed as T };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Uploads bytes in protocol chunks (HEAD for the offset, then PATCH). Returns the final status code. */
export async function uploadBlob(s: { url: string; token: string }, bytes: Uint8Array, chunk = UPLOAD_CHUNK_BYTES): Promise<number> {
  const sha = sha256(bytes);
  const head = await fetch(`${s.url}/api/blobs/${sha}`, { method: 'HEAD', headers: headers(s.token) });
  if (head.status === 200) return 200;
  let offset = Number(head.headers.get('upload-offset') ?? 0);
  let status = 0;
  while (offset < bytes.length) {
    const part = bytes.subarray(offset, Math.min(bytes.length, offset + chunk));
    const res = await fetch(`${s.url}/api/blobs/${sha}`, {
      method: 'PATCH',
      headers: headers(s.token, {
        'upload-offset': String(offset),
        'upload-length': String(bytes.length),
        'content-type': 'application/offset+octet-stream',
      }),
      body: new Uint8Array(part),
    });
    status = res.status;
    if (status !== 204 && status !== 201) throw new Error(`upload failed: ${status} ${await res.text()}`);
    offset = Number(res.headers.get('upload-offset'));
  }
  return status;
}

/** Args of `incoming.register` for tests: a normal document with the given files (or a secret one without). */
export function incomingArgs(
  files: { sha256: string; size: number }[],
  overrides: Partial<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    documentId: crypto.randomUUID(),
    year: 2026,
    arrivalDate: '2026-03-02',
    issuer: 'UBND huyện Kim Sơn',
    number: '12',
    notation: 'UBND-VP',
    documentDate: '2026-02-27',
    docType: 'CV',
    subject: 'V/v báo cáo tình hình thực hiện nhiệm vụ quý I',
    urgency: 'normal',
    secrecy: 'none',
    dueDate: null,
    pageCount: 1,
    recipients: 'Giám đốc',
    note: '',
    provisionalNumber: 1,
    files: files.map((f) => ({
      fileId: crypto.randomUUID(),
      sha256: f.sha256,
      name: 'cong-van.pdf',
      size: f.size,
      mime: 'application/pdf',
      role: 'main',
      pageCount: 1,
    })),
    ...overrides,
  };
}

export type Mutation = { id: number; name: 'incoming.register'; args: unknown; clientTime: string };

export function mutation(id: number, args: unknown): Mutation {
  return { id, name: 'incoming.register', args, clientTime: new Date().toISOString() };
}

export async function pushMutations(s: Session, mutations: Mutation[]) {
  return api<{ results: { id: number; status: string; error?: { code: string; message: string } }[]; lastMutationId: number }>(
    s,
    'POST',
    '/api/sync/push',
    { clientId: s.clientId, mutations },
  );
}

type PulledChange = { entity: string; id: string; version: number; deleted: boolean; data?: Record<string, unknown> };

/** Pulls every page from `cursor`; returns all changes and the final cursor. */
export async function pullAll(s: Session, cursor = 0, limit = 1000): Promise<{ changes: PulledChange[]; cursor: number; pages: number }> {
  const changes: PulledChange[] = [];
  let pages = 0;
  for (;;) {
    const res = await api<{ changes: PulledChange[]; cursor: number; hasMore: boolean }>(
      s,
      'GET',
      `/api/sync/pull?cursor=${cursor}&limit=${limit}`,
    );
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    pages++;
    changes.push(...res.body.changes);
    cursor = res.body.cursor;
    if (!res.body.hasMore) return { changes, cursor, pages };
  }
}
