/**
 * HTTP transport to the agency server (protocol in src-shared/sync/protocol.ts). Network failures become
 * SERVER_UNREACHABLE, HTTP errors become AppError with the server's code and Vietnamese message.
 */
import { AppError, isErrorCode } from '../../../src-shared/contract/errors';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  loginResponseSchema,
  meResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  type LoginResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../../src-shared/sync/protocol';
import type { z } from 'zod';
import { ROUTING_METHODS } from '../../../src-shared/contract/methods-routing';

const usageReportSchema = ROUTING_METHODS['reports.usage'].result;

export type ServerApiOptions = {
  baseUrl: () => string;
  token: () => Promise<string | null>;
  fetch: typeof fetch;
  /** Per-request timeout for ordinary calls (uploads of one chunk included). */
  timeoutMs?: number;
  /** Aborted when the core closes, so no request outlives it. */
  closed?: AbortSignal;
};

export type MeResponse = z.infer<typeof meResponseSchema>;
export type BlobStatus = { complete: true } | { complete: false; offset: number };

export type ServerApi = ReturnType<typeof createServerApi>;

export function createServerApi(opts: ServerApiOptions) {
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function request(
    path: string,
    init: RequestInit & { auth?: boolean; signal?: AbortSignal; accept?: number[] } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    if (init.auth !== false) {
      const token = await opts.token();
      if (!token) throw new AppError('UNAUTHENTICATED');
      headers.set('authorization', `Bearer ${token}`);
    }
    const own = init.signal ?? AbortSignal.timeout(timeoutMs);
    const signal = opts.closed ? AbortSignal.any([own, opts.closed]) : own;
    let res: Response;
    try {
      res = await opts.fetch(`${opts.baseUrl()}${path}`, { ...init, headers, signal });
    } catch (err) {
      throw new AppError('SERVER_UNREACHABLE', undefined, { cause: String(err) });
    }
    if (res.ok || init.accept?.includes(res.status)) return res;
    throw await errorFrom(res);
  }

  async function json<S extends z.ZodType>(schema: S, res: Response): Promise<z.output<S>> {
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new AppError('SERVER_UNREACHABLE', undefined, { cause: String(err) });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError('PROTOCOL_MISMATCH', undefined, parsed.error.issues.slice(0, 3));
    return parsed.data;
  }

  return {
    async login(body: { username: string; password: string; clientId: string; deviceName?: string }): Promise<LoginResponse> {
      const res = await request('/api/auth/login', {
        method: 'POST',
        auth: false,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return json(loginResponseSchema, res);
    },
    async logout(): Promise<void> {
      await request('/api/auth/logout', { method: 'POST', signal: AbortSignal.timeout(3000) });
    },
    async me(): Promise<MeResponse> {
      return json(meResponseSchema, await request('/api/me'));
    },
    async push(body: PushRequest): Promise<PushResponse> {
      const res = await request('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return json(pushResponseSchema, res);
    },
    /** Daily usage of the system (leaders' report; routing, issue 6). */
    async usageReport(from: string, to: string): Promise<z.output<typeof usageReportSchema>> {
      return json(usageReportSchema, await request(`/api/reports/usage?from=${from}&to=${to}`));
    },
    async pull(cursor: number, limit = 500): Promise<PullResponse> {
      return json(pullResponseSchema, await request(`/api/sync/pull?cursor=${cursor}&limit=${limit}`));
    },
    async blobStatus(sha256: string): Promise<BlobStatus> {
      // 200 = the server holds the whole, checked file; 404 + Upload-Offset = bytes it holds so far (0 when none).
      const res = await request(`/api/blobs/${sha256}`, { method: 'HEAD', accept: [404] });
      if (res.status === 200) return { complete: true };
      return { complete: false, offset: Number(res.headers.get('upload-offset') ?? 0) || 0 };
    },
    /**
     * Sends one chunk; returns the server's new offset, or 'complete' when it checked the whole file.
     * A stale offset (409) is not an error: the server's offset is returned and the upload resumes from there.
     */
    async uploadChunk(sha256: string, offset: number, total: number, chunk: Uint8Array): Promise<number | 'complete'> {
      const res = await request(`/api/blobs/${sha256}`, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(offset),
          'upload-length': String(total),
        },
        // A copy with its own ArrayBuffer: fetch does not accept views over shared/pooled buffers.
        body: new Uint8Array(chunk),
        accept: [409],
      });
      if (res.status === 201) return 'complete';
      const next = res.headers.get('upload-offset');
      if (res.status === 409) await res.body?.cancel();
      return next === null ? offset + chunk.byteLength : Number(next);
    },

    /**
     * Asks for bytes [start, end] of a file (HTTP Range). 206 = that slice; 200 = the server sent the whole file;
     * 416 = the range is past the end (a stale partial file). The caller reads (or cancels) the body.
     */
    async downloadRange(sha256: string, start: number, end: number): Promise<Response> {
      return request(`/api/blobs/${sha256}`, {
        headers: { range: `bytes=${start}-${end}` },
        signal: AbortSignal.timeout(5 * 60_000),
        accept: [416],
      });
    },
    /** Opens the Server-Sent Events stream; the caller reads and aborts it. */
    async openEvents(signal: AbortSignal): Promise<Response> {
      return request('/api/sync/events', { headers: { accept: 'text/event-stream' }, signal });
    },
  };
}

async function errorFrom(res: Response): Promise<AppError> {
  let code: string | undefined;
  let message: string | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body?.error?.code === 'string') code = body.error.code;
    if (typeof body?.error?.message === 'string') message = body.error.message;
  } catch {
    // Not JSON (HEAD responses, proxies): fall back on the status code.
  }
  if (code && isErrorCode(code)) return new AppError(code, message, { status: res.status });
  const byStatus =
    res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND'
      : res.status === 409 ? 'CONFLICT' : res.status === 400 ? 'INVALID_INPUT' : res.status >= 500 || res.status === 429 ? 'SERVER_UNREACHABLE' : 'INTERNAL';
  return new AppError(byStatus, message, { status: res.status });
}
