/**
 * Vite build of the renderer: root src-renderer, output dist/renderer, relative base so the same bundle
 * loads from the browser host (http://127.0.0.1) and from Electron (file/app protocol).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The CSP meta tag forbids inline scripts, which Vite's dev server (HMR, React refresh preamble) needs.
 * Only the dev server drops it; the built bundle keeps the strict policy.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'vanban-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/, ''),
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: false },
});
