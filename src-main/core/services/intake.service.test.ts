import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../src-shared/sync/protocol';
import { sha256Of } from '../files/blob-store';
import { b64, makePdf, startOfflineCore, type OfflineCore } from '../testing/offline-core';
import { makePng, scanRaster } from '../testing/scan-fixtures';

const open: OfflineCore[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});
async function core() {
  const c = await startOfflineCore('clerk');
  open.push(c);
  return c;
}

describe('intake.stageFile', () => {
  it('stores a PDF byte for byte, content-addressed, with its page count', async () => {
    const c = await core();
    const pdf = await makePdf(4);
    const staged = await c.client.call('intake.stageFile', { name: 'Công văn 1866.pdf', contentBase64: b64(pdf) });
    expect(staged).toMatchObject({ sha256: sha256Of(pdf), mime: 'application/pdf', pageCount: 4, size: pdf.byteLength });
    const path = join(c.dir, 'files', staged.sha256.slice(0, 2), staged.sha256);
    expect(readFileSync(path).equals(Buffer.from(pdf))).toBe(true);
    const read = await c.client.call('files.read', { sha256: staged.sha256 });
    expect(read).toMatchObject({ name: 'Công văn 1866.pdf', mime: 'application/pdf' });
    expect(Buffer.from(read.contentBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses password-protected and damaged PDFs with a Vietnamese message', async () => {
    const c = await core();
    const plain = join(c.dir, 'plain.pdf');
    const locked = join(c.dir, 'locked.pdf');
    writeFileSync(plain, await makePdf(1));
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    await expect(
      c.client.call('intake.stageFile', { name: 'locked.pdf', contentBase64: b64(readFileSync(locked)) }),
    ).rejects.toMatchObject({ code: 'FILE_INVALID', message: expect.stringMatching(/mật khẩu/) });
    await expect(
      c.client.call('intake.stageFile', { name: 'hong.pdf', contentBase64: b64(Buffer.from('%PDF-1.7\nthis is not a pdf body')) }),
    ).rejects.toMatchObject({ code: 'FILE_INVALID', message: expect.stringMatching(/hỏng/) });
    await expect(
      c.client.call('intake.stageFile', { name: 'virus.exe', contentBase64: b64(Buffer.from('MZ\x90\x00binary')) }),
    ).rejects.toMatchObject({ code: 'FILE_INVALID' });
    expect(existsSync(join(c.dir, 'files'))).toBe(false);
  });

  it('types a file by its bytes, not its name', async () => {
    const c = await core();
    // A PNG scan misnamed .pdf is recognised as a scan (and becomes a real PDF); a Word file keeps its type.
    const png = makePng(scanRaster(200, { widthMm: 40, heightMm: 30 }), 200);
    const staged = await c.client.call('intake.stageFile', { name: 'scan.pdf', contentBase64: b64(png) });
    expect(staged).toMatchObject({ mime: 'application/pdf', pageCount: 1, convertedFrom: 'image/png' });
    const docx = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(64, 1)]);
    expect(await c.client.call('intake.stageFile', { name: 'Phụ lục.docx', contentBase64: b64(docx) })).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pageCount: null,
    });
  });

  it('refuses a file larger than the limit before decoding it', async () => {
    const c = await core();
    const tooBig = 'A'.repeat(Math.ceil(((MAX_FILE_BYTES + 1024) * 4) / 3));
    await expect(c.core.ctx.intake.stageFile({ name: 'big.pdf', contentBase64: tooBig })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });
});
