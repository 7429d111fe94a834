import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArrivedFile } from '../../../src-shared/contract/methods';
import { makePdf, startOfflineCore, type OfflineCore } from '../testing/offline-core';
import { makeJpeg, makeTiff, scanRaster } from '../testing/scan-fixtures';

const open: OfflineCore[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

/** A real core whose timer never fires during the test: polls are driven by hand, one "scanner tick" at a time. */
async function setup() {
  const c = await startOfflineCore('clerk', { coreOptions: { scanFolderPollMs: 3_600_000 } });
  open.push(c);
  const folder = join(c.dir, 'scan-inbox');
  mkdirSync(folder);
  const status = await c.client.call('intake.setScanFolder', { path: folder });
  expect(status).toEqual({ path: folder, active: true, problem: null });
  const arrived: ArrivedFile[] = [];
  c.client.on('intake.fileArrived', (f) => arrived.push(f));
  const poll = () => c.core.ctx.scanFolder.poll();
  return { c, folder, arrived, poll };
}
/** Moves mtime on, as another write by the scanner would. */
const touch = (path: string, sec: number) => utimesSync(path, sec, sec);

describe('watched scan folder', () => {
  it('takes a file only once it is stable across two polls and complete, then moves it to da-nhan/', async () => {
    const { c, folder, arrived, poll } = await setup();
    const pdf = Buffer.from(await makePdf(2, 'Cong van quet'));
    const path = join(folder, 'scan-0001.pdf');
    // The scanner writes the first half, pauses, then the rest.
    const half = Math.floor(pdf.length / 2);
    writeFileSync(path, pdf.subarray(0, half));
    touch(path, 1_000);
    await poll();
    await poll(); // stable but cut off: refused this time, retried later
    expect(arrived).toEqual([]);
    appendFileSync(path, pdf.subarray(half));
    touch(path, 2_000);
    await poll(); // changed since the last poll
    expect(arrived).toEqual([]);
    await poll();
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ sourceName: 'scan-0001.pdf', error: null, staged: { mime: 'application/pdf', pageCount: 2, size: pdf.length } });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(join(folder, 'da-nhan'))).toEqual(['scan-0001.pdf']);
    const listed = await c.client.call('intake.listArrived', {});
    expect(listed).toMatchObject([{ sourceName: 'scan-0001.pdf', staged: { sha256: arrived[0]!.staged!.sha256, pageCount: 2 } }]);
    // The staged file is ready to attach.
    const read = await c.client.call('files.read', { sha256: arrived[0]!.staged!.sha256 });
    expect(Buffer.from(read.contentBase64, 'base64').equals(pdf)).toBe(true);
  });

  it('never takes the same bytes twice: a rescan under another name or a copy back is only moved aside', async () => {
    const { c, folder, arrived, poll } = await setup();
    const jpg = makeJpeg(scanRaster(200, { widthMm: 60, heightMm: 40 }), 200);
    writeFileSync(join(folder, 'IMG_0001.jpg'), jpg);
    await poll();
    await poll();
    expect(arrived).toMatchObject([{ sourceName: 'IMG_0001.jpg', staged: { name: 'IMG_0001.pdf', convertedFrom: 'image/jpeg', pageCount: 1 } }]);
    copyFileSync(join(folder, 'da-nhan', 'IMG_0001.jpg'), join(folder, 'IMG_0001.jpg'));
    writeFileSync(join(folder, 'IMG_0002.jpg'), jpg);
    await poll();
    await poll();
    await poll();
    expect(arrived).toHaveLength(1);
    expect(readdirSync(join(folder, 'da-nhan')).sort()).toEqual(['IMG_0001 (2).jpg', 'IMG_0001.jpg', 'IMG_0002.jpg']);
    expect(readdirSync(folder)).toEqual(['da-nhan']);
    expect(await c.client.call('intake.listArrived', {})).toHaveLength(1);
  });

  it('after a crash between recording and moving a file, only moves it on restart (no second staging)', async () => {
    const { c, folder, arrived, poll } = await setup();
    const pdf = Buffer.from(await makePdf(1, 'Crash'));
    const sha = createHash('sha256').update(pdf).digest('hex');
    // What a crash right after the INSERT leaves: the row, and the file still in the inbox.
    c.core.ctx.replica.sqlite
      .prepare("INSERT INTO scan_intake (sha256, source_path, name, staged_sha256, taken_at) VALUES (?, ?, 'crash.pdf', ?, ?)")
      .run(sha, join(folder, 'crash.pdf'), sha, new Date().toISOString());
    writeFileSync(join(folder, 'crash.pdf'), pdf);
    await poll();
    await poll();
    expect(arrived).toEqual([]);
    expect(readdirSync(join(folder, 'da-nhan'))).toEqual(['crash.pdf']);
    expect(c.core.ctx.replica.sqlite.prepare('SELECT taken_path FROM scan_intake WHERE sha256 = ?').pluck().get(sha)).toBe(
      join(folder, 'da-nhan', 'crash.pdf'),
    );
  });

  it('ignores temporary names, stages a multi-page TIFF scan, and records a file that stays unreadable', async () => {
    const { folder, arrived, poll } = await setup();
    const raster = scanRaster(200, { widthMm: 50, heightMm: 40 });
    writeFileSync(join(folder, 'scan.tif.part'), makeTiff([{ raster, dpi: 200 }]));
    writeFileSync(join(folder, 'ho-so.tif'), makeTiff([{ raster, dpi: 200 }, { raster, dpi: 300 }, { raster, dpi: 200 }]));
    writeFileSync(join(folder, 'hong.pdf'), Buffer.from('%PDF-1.7\nnot a pdf at all'));
    for (let i = 0; i < 7; i++) await poll();
    const byName = Object.fromEntries(arrived.map((a) => [a.sourceName, a]));
    expect(Object.keys(byName).sort()).toEqual(['ho-so.tif', 'hong.pdf']);
    expect(byName['ho-so.tif']).toMatchObject({ staged: { pageCount: 3, mime: 'application/pdf' }, error: null });
    expect(byName['hong.pdf']).toMatchObject({ staged: null, error: expect.stringMatching(/hỏng/) });
    // The refused file stays where the clerk can see it; the temporary one is untouched.
    expect(readdirSync(folder).sort()).toEqual(['da-nhan', 'hong.pdf', 'scan.tif.part']);
    await poll();
    expect(arrived).toHaveLength(2);
  });

  it('refuses a folder that does not exist and stops watching when cleared', async () => {
    const { c, folder } = await setup();
    await expect(c.client.call('intake.setScanFolder', { path: join(folder, 'khong-co') })).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringMatching(/thư mục/),
    });
    expect(await c.client.call('intake.setScanFolder', { path: null })).toEqual({ path: null, active: false, problem: null });
    writeFileSync(join(folder, 'a.pdf'), Buffer.from(await makePdf(1)));
    await c.core.ctx.scanFolder.poll();
    await c.core.ctx.scanFolder.poll();
    expect(readdirSync(folder)).toEqual(['a.pdf']);
  });
});
