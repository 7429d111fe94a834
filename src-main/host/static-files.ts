/**
 * Serves the built renderer from one directory: fixed MIME types, no directory listing, and no way out of the
 * directory (decoded path normalised, then checked against the real root after resolving symlinks).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticLookup = { kind: 'file'; file: string; mime: string; size: number } | { kind: 'notFound' } | { kind: 'badRequest' };

/** Maps a URL path to a file inside `root`; anything that would leave it, or is not a plain file, is not found. */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'badRequest' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'badRequest' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const normalised = path.posix.normalize(relative);
  if (normalised.startsWith('..') || path.isAbsolute(normalised)) return { kind: 'notFound' };
  const mime = MIME[path.extname(normalised).toLowerCase()];
  if (!mime) return { kind: 'notFound' };
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, normalised));
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return { kind: 'notFound' };
    const st = await stat(real);
    if (!st.isFile()) return { kind: 'notFound' };
    return { kind: 'file', file: real, mime, size: st.size };
  } catch {
    return { kind: 'notFound' };
  }
}

export function sendFile(res: ServerResponse, found: Extract<StaticLookup, { kind: 'file' }>, headers: Record<string, string>): void {
  res.writeHead(200, { ...headers, 'Content-Type': found.mime, 'Content-Length': String(found.size) });
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
