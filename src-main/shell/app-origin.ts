/**
 * Origin, Content-Security-Policy and path resolution of the `app://vanban/` pages. Pure Node (no electron
 * import) so it is unit-tested directly; app-protocol.ts wires it into Electron.
 */
import { join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vanban';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Same policy as the page's meta tag, minus the WebSocket (Electron talks to the core over IPC). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design injects its CSS-in-JS as <style> tags.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a request path inside `rootDir`, or null when it tries to escape it (`..`, encoded or not). */
export function resolveAppPath(rootDir: string, url: string): string | null {
  const parsed = new URL(url);
  if (parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = normalize(rootDir + sep);
  const file = normalize(join(root, relative));
  return file.startsWith(root) ? file : null;
}

/** True for a URL of our own app pages; used to check IPC senders and navigations. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
