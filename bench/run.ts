/**
 * `npm run bench [name]`: runs every bench/*.bench.ts whose file name contains `name` (all without), each in
 * its own child process so one benchmark's servers, caches and GC never skew another's. Forwards the JSON
 * figure lines the benchmarks print; their diagnostics go to stderr. Exit code 1 if any benchmark failed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(benchDir, '..');

function runOne(file: string): Promise<{ ok: boolean; figures: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, file)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    let figures = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        // Figures go to stdout as they are; anything else a benchmark prints is diagnostics.
        try {
          const parsed = JSON.parse(line) as { bench?: unknown; figure?: unknown };
          if (typeof parsed.bench === 'string' && typeof parsed.figure === 'string') {
            figures += 1;
            process.stdout.write(`${line}\n`);
            continue;
          }
        } catch {
          // not JSON: diagnostics
        }
        process.stderr.write(`[${file}] ${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      if (code !== 0) process.stderr.write(`[bench] ${file} failed (${signal ?? code})\n`);
      resolve({ ok: code === 0 && figures > 0, figures });
    });
  });
}

const filter = process.argv[2] ?? '';
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
if (files.length === 0) {
  process.stderr.write(`[bench] no benchmark matches "${filter}". Available: ${readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).join(', ')}\n`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  process.stderr.write(`[bench] ${file}\n`);
  const r = await runOne(file);
  if (!r.ok) failed += 1;
}
process.exit(failed ? 1 : 0);
