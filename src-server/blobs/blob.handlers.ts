/**
 * HTTP side of blobs: HEAD (upload status), PATCH (append a chunk), GET (download with Range).
 *
 * HEAD answers 200 only for a complete blob (Upload-Offset = Upload-Length = size). For a partial or unknown
 * blob it answers 404 with Upload-Offset (bytes the server holds, 0 when none), so a client may always read
 * Upload-Offset to know where to resume. PATCH answers 204 + Upload-Offset, or 201 once the whole file arrived
 * and its SHA-256 matched; 409 CONFLICT + Upload-Offset when the client's offset is stale.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { sha256Hex } from '../../src-shared/domain/entities';
import type { Db } from '../db/client';
import { blobs, documentFiles, incomingDocuments } from '../db/schema';
import { visibleIncomingDocuments, type AuthUser } from '../auth/visibility';
import { outgoingBlobReadable } from '../auth/visibility-outgoing';
import { mayReadOpinionBlob } from '../http/routing.routes';
import { parseInput, sendError, sendJson } from '../http/http-utils';
import type { BlobStore } from './blob-store';

const EXPOSE = 'Upload-Offset, Upload-Length, Content-Range, Accept-Ranges';

function headerInt(req: IncomingMessage, name: string): number {
  const raw = req.headers[name];
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw new AppError('INVALID_INPUT', `Thiếu hoặc sai tiêu đề ${name}.`);
  return value;
}

export function parseSha(raw: string): string {
  return parseInput(sha256Hex, raw.toLowerCase());
}

export async function headBlob(store: BlobStore, sha: string, res: ServerResponse): Promise<void> {
  const st = await store.status(sha);
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'access-control-expose-headers': EXPOSE };
  if (st.state === 'complete') {
    res.writeHead(200, { ...headers, 'upload-offset': String(st.size), 'upload-length': String(st.size) });
  } else if (st.state === 'partial') {
    res.writeHead(404, { ...headers, 'upload-offset': String(st.offset), 'upload-length': String(st.length) });
  } else {
    res.writeHead(404, { ...headers, 'upload-offset': '0' });
  }
  res.end();
}

export async function patchBlob(store: BlobStore, sha: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const offset = headerInt(req, 'upload-offset');
  const length = headerInt(req, 'upload-length');
  if (length < 1) throw new AppError('INVALID_INPUT', 'Tệp rỗng không được tải lên.');
  try {
    const result = await store.append(sha, offset, length, req);
    res.writeHead(result.complete ? 201 : 204, {
      'upload-offset': String(result.offset),
      'upload-length': String(result.length),
      'access-control-expose-headers': EXPOSE,
    });
    res.end();
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') {
      const details = err.details as { offset?: number } | undefined;
      sendError(res, err.toValue(), { 'upload-offset': String(details?.offset ?? 0) });
      return;
    }
    throw err;
  }
}

type ByteRange = { start: number; end: number };

/**
 * One `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null = send the whole file (no header, or a form we do not
 * serve such as multiple ranges, which RFC 9110 lets a server ignore); 'invalid' = unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  if (m[1] === '' && m[2] === '') return 'invalid';
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'invalid';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

export async function getBlob(
  db: Db,
  store: BlobStore,
  user: AuthUser,
  sha: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [blob] = await db.select().from(blobs).where(eq(blobs.sha256, sha));
  if (!blob?.complete) throw new AppError('NOT_FOUND', 'Tệp chưa có trên máy chủ. Vui lòng đồng bộ lại sau.');
  const refs = await db
    .select({ mime: documentFiles.mime })
    .from(documentFiles)
    .innerJoin(incomingDocuments, eq(incomingDocuments.id, documentFiles.documentId))
    .where(and(eq(documentFiles.sha256, sha), visibleIncomingDocuments(user)))
    .limit(1);
  if (refs.length === 0 && !(await outgoingBlobReadable(db, user, sha)) && !(await mayReadOpinionBlob(db, user, sha))) {
    throw new AppError('FORBIDDEN', 'Bạn không có quyền xem tệp này. Vui lòng liên hệ văn thư nếu cần.');
  }
  const size = blob.size;
  const range = parseRange(req.headers.range, size);
  const headers: Record<string, string> = {
    'content-type': refs[0]?.mime ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    etag: `"${sha}"`,
    'cache-control': 'private, max-age=31536000, immutable',
    'access-control-expose-headers': EXPOSE,
  };
  if (range === 'invalid') {
    sendJson(
      res,
      416,
      { error: { code: 'INVALID_INPUT', message: 'Khoảng dữ liệu yêu cầu không hợp lệ.' } },
      { 'content-range': `bytes */${size}` },
    );
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  if (range) {
    res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) });
  } else {
    res.writeHead(200, { ...headers, 'content-length': String(size) });
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(store.completePath(sha), { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}
