/**
 * Prepared server data dirs for tests. Creating a PGlite data dir costs seconds; copying a prepared one costs
 * milliseconds. Templates are built once (keyed by the migrations, the seed code and the day, so a stale one is
 * never reused) in the OS temp dir, published with an atomic rename so parallel workers can race safely.
 *
 *   'migrated' -> dataDir/pglite with every migration applied, no data
 *   'demo'     -> a whole server dataDir (pglite + blobs) after the demo seed
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type TemplateKind = 'migrated' | 'demo';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIGRATIONS = path.join(REPO_ROOT, 'src-server', 'db', 'migrations');

function templateKey(kind: TemplateKind): string {
  const hash = createHash('sha256');
  const files = readdirSync(MIGRATIONS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(f).update(readFileSync(f));
  if (kind === 'demo') {
    for (const f of ['seed/demo.ts', 'seed/demo-pdf.ts']) hash.update(readFileSync(path.join(REPO_ROOT, 'src-server', f)));
    hash.update(new Date().toISOString().slice(0, 10));
  }
  return hash.digest('hex').slice(0, 16);
}

const building = new Map<TemplateKind, Promise<string>>();

/** Path of a ready template server dataDir (built on first use). */
export function serverDataTemplate(kind: TemplateKind): Promise<string> {
  let p = building.get(kind);
  if (!p) {
    p = buildTemplate(kind);
    building.set(kind, p);
  }
  return p;
}

async function buildTemplate(kind: TemplateKind): Promise<string> {
  const final = path.join(os.tmpdir(), `vanban-server-template-${kind}-${templateKey(kind)}`);
  if (existsSync(path.join(final, 'READY'))) return final;
  const work = await mkdtemp(path.join(os.tmpdir(), `vanban-server-template-build-`));
  await runServerOnce(work, kind === 'demo' ? 'demo' : 'none');
  await writeFile(path.join(work, 'READY'), new Date().toISOString());
  try {
    await rename(work, final);
  } catch {
    // Another worker published the same template first; theirs is as good as ours.
    await rm(work, { recursive: true, force: true });
  }
  return final;
}

/**
 * Starts the real server on `dataDir` until it listens (migrations applied, seed done), then stops it cleanly.
 * A child process rather than an import, so any test runner (vitest, Playwright) can build templates.
 */
function runServerOnce(dataDir: string, seed: 'demo' | 'none'): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VANBAN_SERVER_DATA: dataDir, VANBAN_SEED: seed, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let listening = false;
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!listening && stdout.includes('VanBan server listening on')) {
        listening = true;
        proc.kill('SIGTERM');
      }
    });
    proc.once('exit', (code) => {
      if (listening && code === 0) resolve();
      else reject(new Error(`template server failed (exit ${code}):\n${stderr.slice(-4000)}`));
    });
  });
}

/** Copies a template into `dataDir` (created if missing). */
export async function copyServerTemplate(kind: TemplateKind, dataDir: string): Promise<void> {
  const template = await serverDataTemplate(kind);
  await cp(template, dataDir, { recursive: true, filter: (src) => path.basename(src) !== 'READY' });
}
