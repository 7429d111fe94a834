#!/usr/bin/env node
/**
 * Bundles the Electron side with esbuild into dist/main/shell/:
 *   main.cjs          main process (CommonJS: Electron's main entry, uses __dirname)
 *   preload.cjs       preload (CommonJS: a sandboxed preload cannot load ES modules)
 *   core-process.mjs  utility process hosting the core (ESM, like the core's sources)
 *   *.worker.mjs      child-process workers of the core (e.g. the PKCS#11 token worker)
 *   migrations/, migrations-local/  the SQL migrations of replica.db and local.db, found next to the bundle via import.meta.url
 * Native addons and packages that load files by path at runtime stay external (shipped in node_modules).
 */
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shellDir = join(root, 'src-main', 'shell');
const coreDir = join(root, 'src-main', 'core');
const outDir = join(root, 'dist', 'main', 'shell');

const EXTERNAL = [
  'electron',
  'better-sqlite3',
  'pkcs11js',
  '@electric-sql/pglite',
  // Load their own worker/data files by path at runtime: bundling them would break those paths.
  'pdfjs-dist',
  'tesseract.js',
];

const WORKER_REF = /(['"])\.\/([\w.-]+)\.worker\.ts\1/g;

/** All `*.worker.ts` files of the core: they run as separate processes and get their own bundle. */
function findWorkers(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : findWorkers(path);
    return name.endsWith('.worker.ts') ? [path] : [];
  });
}

/** The core points at workers as `new URL('./x.worker.ts', import.meta.url)`; bundled, they are `./x.worker.mjs`. */
const workerPathPlugin = {
  name: 'vanban-worker-paths',
  setup(b) {
    b.onLoad({ filter: /src-main[\\/]core[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!WORKER_REF.test(source)) return undefined;
      WORKER_REF.lastIndex = 0;
      return { contents: source.replace(WORKER_REF, (_m, q, name) => `${q}./${name}.worker.mjs${q}`), loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external: EXTERNAL,
  logLevel: 'warning',
  legalComments: 'none',
};

// ESM bundles that contain CommonJS dependencies need a real `require` (e.g. for Node built-ins).
const esmBanner = {
  js: "import { createRequire as __vanbanCreateRequire } from 'node:module'; const require = __vanbanCreateRequire(import.meta.url);",
};

export async function buildMain() {
  rmSync(outDir, { recursive: true, force: true });
  const workers = findWorkers(coreDir);
  await Promise.all([
    build({ ...common, entryPoints: [join(shellDir, 'main.ts')], format: 'cjs', outfile: join(outDir, 'main.cjs') }),
    build({ ...common, entryPoints: [join(shellDir, 'preload.ts')], format: 'cjs', outfile: join(outDir, 'preload.cjs') }),
    build({
      ...common,
      entryPoints: [join(shellDir, 'core-process.ts'), ...workers],
      format: 'esm',
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      entryNames: '[name]',
      banner: esmBanner,
      plugins: [workerPathPlugin],
    }),
  ]);
  // Both SQLite files of the desktop (replica.db and local.db) migrate from folders found next to the bundle.
  for (const folder of ['migrations', 'migrations-local']) {
    const from = join(coreDir, 'db', folder);
    if (existsSync(from)) cpSync(from, join(outDir, folder), { recursive: true });
  }
  const built = readdirSync(outDir).filter((n) => !n.endsWith('.map'));
  console.log(`[build-main] ${relative(root, outDir)}: ${built.join(', ')}`);
  if (workers.length) console.log(`[build-main] workers: ${workers.map((w) => basename(w)).join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildMain().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
