/** Small helpers for plain node:http: JSON bodies with a size limit, zod validation, errors as JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { AppError, DEFAULT_MESSAGES, type ErrorCode, type ErrorValue } from '../../src-shared/contract/errors';

export type Logger = {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
};

/** JSON lines on stderr: stdout is kept for the one "listening" line that scripts and tests wait for. */
export function stderrLogger(): Logger {
  const write = (level: string, msg: string, data?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, msg, ...data })}\n`);
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  PROTOCOL_MISMATCH: 409,
  FILE_TOO_LARGE: 413,
  HASH_MISMATCH: 422,
  FILE_INVALID: 422,
  FILE_REQUIRED: 422,
  SECRET_FILE_FORBIDDEN: 422,
  DUPLICATE_DOCUMENT: 409,
};

export function statusOf(code: ErrorCode): number {
  return STATUS_OF[code] ?? 500;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ErrorValue, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, statusOf(error.code), { error }, headers);
}

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      reject(new AppError('INVALID_INPUT', 'Yêu cầu quá lớn. Vui lòng gửi ít dữ liệu hơn trong một lần.'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limitBytes) {
        reject(new AppError('INVALID_INPUT', 'Yêu cầu quá lớn. Vui lòng gửi ít dữ liệu hơn trong một lần.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that hangs up mid-body must not leave the handler waiting forever.
    req.on('close', () => {
      if (!req.complete) reject(new AppError('INVALID_INPUT', 'Kết nối bị ngắt khi đang gửi dữ liệu. Vui lòng thử lại.'));
    });
  });
}

export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, limitBytes: number): Promise<z.infer<S>> {
  const raw = await readBody(req, limitBytes);
  let parsed: unknown;
  try {
    parsed = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('INVALID_INPUT', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
  return parseInput(schema, parsed);
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? ` (trường ${first.path.join('.')})` : '';
    throw new AppError('INVALID_INPUT', `${DEFAULT_MESSAGES.INVALID_INPUT}${where}`, result.error.issues);
  }
  return result.data;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1] ?? null;
}
