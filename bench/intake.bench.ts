/**
 * Intake of a 20-page scan at 300 dpi (A4, colour, one JPEG per page as scanners "scan to folder"): the JPEGs become
 * one PDF at their own resolution (embedded as they are) and are staged in a real core's file cache with the page
 * count, as `intake.stageImages` does it. Baseline, measured in the same run on the same bytes: SHA-256 + writing a
 * copy of the 20 JPEGs to disk (the least any intake must do with them).
 * Env: BENCH_N (default 8), BENCH_PAGES (default 20).
 */
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startOfflineCore } from '../src-main/core/testing/offline-core';
import { makeJpeg, scanRaster } from '../src-main/core/testing/scan-fixtures';
import { printFigure, summarize } from './figures';

const BENCH = 'intake';
const N = Number(process.env.BENCH_N ?? 8);
const PAGES = Number(process.env.BENCH_PAGES ?? 20);

async function main(): Promise<void> {
  const t0 = performance.now();
  const pages = Array.from({ length: PAGES }, (_, i) => makeJpeg(scanRaster(300, { seed: i + 1 }), 300, 75));
  const totalMb = pages.reduce((s, p) => s + p.length, 0) / 1024 / 1024;
  process.stderr.write(`made ${PAGES} A4 JPEGs at 300 dpi (${totalMb.toFixed(1)} MB) in ${Math.round(performance.now() - t0)} ms\n`);
  const core = await startOfflineCore('clerk', { coreOptions: { scanFolderPollMs: 3_600_000 } });
  try {
    const baseline: number[] = [];
    for (let i = 0; i < N + 1; i++) {
      const s = performance.now();
      pages.forEach((p, k) => {
        createHash('sha256').update(p).digest('hex');
        writeFileSync(join(core.dir, `copy-${k}.jpg`), p);
      });
      if (i > 0) baseline.push(performance.now() - s);
    }
    const base = summarize(baseline);
    printFigure({ bench: BENCH, figure: 'hash_and_copy_20_jpegs_ms', unit: 'ms', ...base });

    const images = pages.map((p, k) => ({ name: `trang-${k + 1}.jpg`, contentBase64: Buffer.from(p).toString('base64') }));
    const samples: number[] = [];
    for (let i = 0; i < N + 1; i++) {
      const s = performance.now();
      const staged = await core.core.ctx.intake.stageImages({ name: `ho-so-${i}.pdf`, images });
      if (staged.pageCount !== PAGES) throw new Error(`expected ${PAGES} pages, got ${staged.pageCount}`);
      if (i > 0) samples.push(performance.now() - s);
    }
    printFigure({
      bench: BENCH, figure: `scan_${PAGES}p_300dpi_to_pdf_staged_ms`, unit: 'ms', ...summarize(samples),
      baseline: { name: 'hash_and_copy_20_jpegs_ms', median: base.median },
    });
  } finally {
    await core.close();
    rmSync(core.dir, { recursive: true, force: true });
  }
}

await main();
