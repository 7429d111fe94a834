/**
 * The `app://vanban/` protocol serving the built renderer (dist/renderer) to the window. A custom, privileged,
 * secure scheme instead of file://: the page gets a real origin we can check in the IPC bridge and in
 * navigation guards, and every response carries a strict Content-Security-Policy header.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, MIME, resolveAppPath } from './app-origin';

/** Must run before `app.whenReady()`: privileges can only be granted at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererDir, request.url);
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    if (!file) return new Response('Forbidden', { status: 403, headers });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { ...headers, 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' },
      });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}
