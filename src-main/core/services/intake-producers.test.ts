/**
 * Real files through intake.stageFile / intake.stageImages on a real core: PDFs from several producers kept byte for
 * byte, scans turned into one PDF, received signatures verified (valid, tampered, untrusted), and every kind of bad
 * file refused with a clear message while what was staged before stays intact.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, P12_PASSPHRASE, type TestPki } from '../../../tests/helpers/pki';
import {
  corruptPdf, encryptedPdf, hasGhostscript, pdfLibDocument, qpdfObjectStreams, signWithSignpdf,
} from '../../../tests/helpers/signing-fixtures';
import { sha256Of } from '../files/blob-store';
import { b64, startOfflineCore, type OfflineCore } from '../testing/offline-core';
import { makeJpeg, makeTiff, scanRaster } from '../testing/scan-fixtures';

let pki: TestPki;
let c: OfflineCore;
beforeAll(async () => {
  pki = createTestPki();
  c = await startOfflineCore('clerk', { coreOptions: { trustAnchorsPem: [pki.caPem] } });
}, 120_000);
afterAll(async () => {
  await c?.close();
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});

const stage = (name: string, bytes: Uint8Array) => c.client.call('intake.stageFile', { name, contentBase64: b64(bytes) });
const blobCount = () => c.core.ctx.replica.sqlite.prepare('SELECT count(*) FROM local_blobs').pluck().get() as number;
const cached = (sha: string) => readFileSync(join(c.dir, 'files', sha.slice(0, 2), sha));

describe('intake of received PDFs from several producers', () => {
  it('keeps each PDF byte for byte with its page count', async () => {
    const pdfLib = await pdfLibDocument(3);
    const producers: [string, Uint8Array][] = [
      ['pdf-lib.pdf', pdfLib],
      ['qpdf-objstm.pdf', qpdfObjectStreams(pdfLib, c.dir, 'producer')],
    ];
    if (hasGhostscript()) {
      writeFileSync(join(c.dir, 'gs-in.pdf'), pdfLib);
      execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${join(c.dir, 'gs-out.pdf')}`, join(c.dir, 'gs-in.pdf')]);
      producers.push(['ghostscript.pdf', new Uint8Array(readFileSync(join(c.dir, 'gs-out.pdf')))]);
    } else {
      console.warn('ghostscript (gs) not installed: the Ghostscript-produced PDF case is skipped; run scripts/ensure-system-deps.sh');
    }
    for (const [name, bytes] of producers) {
      const staged = await stage(name, bytes);
      expect(staged, name).toMatchObject({ sha256: sha256Of(bytes), mime: 'application/pdf', pageCount: 3, signatures: [], signatureWarning: null });
      expect(cached(staged.sha256).equals(Buffer.from(bytes)), name).toBe(true);
    }
  });

  it('verifies a signed PDF at intake: signer, issuer, signing time, and the file kept as received', async () => {
    const signed = await signWithSignpdf(await pdfLibDocument(1), pki.otherSigner.p12, P12_PASSPHRASE);
    const staged = await stage('Công văn đã ký.pdf', signed);
    expect(cached(staged.sha256).equals(Buffer.from(signed))).toBe(true);
    expect(staged.signatureWarning).toBeNull();
    expect(staged.signatures).toHaveLength(1);
    const sig = staged.signatures![0]!;
    expect(sig).toMatchObject({ valid: true, integrity: true, chain: 'trusted', modifiedAfterSigning: false, problems: [] });
    expect(sig.signer).toBeTruthy();
    expect(sig.issuer).toMatch(/VanBan Test Root CA/);
    expect(Math.abs(Date.parse(sig.signingTime!) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('flags a signature broken by a change after signing, and one from an untrusted CA', async () => {
    const signed = Buffer.from(await signWithSignpdf(await pdfLibDocument(1), pki.otherSigner.p12, P12_PASSPHRASE));
    const tampered = Buffer.from(signed);
    // The binary comment on line 2 is inside the first signed byte range: the file still opens, the hash no longer matches.
    tampered[11] = tampered[11]! ^ 0x01;
    const broken = await stage('bi-sua.pdf', tampered);
    expect(broken.signatures).toMatchObject([{ valid: false, integrity: false }]);
    expect(broken.signatureWarning).toMatch(/không còn toàn vẹn.*gửi lại/);

    const stranger = await startOfflineCore('clerk', { coreOptions: { trustAnchorsPem: [] } });
    try {
      const untrusted = await stranger.client.call('intake.stageFile', { name: 'la.pdf', contentBase64: b64(signed) });
      expect(untrusted.signatures).toMatchObject([{ valid: false, integrity: true, chain: 'untrusted' }]);
      expect(untrusted.signatureWarning).toMatch(/chưa được xác thực.*không thuộc danh sách/);
    } finally {
      await stranger.close();
    }
  });
});

describe('intake of scans', () => {
  it('stages scans at 200 and 300 dpi and a multi-page TIFF as one PDF with the page count', async () => {
    const jpg200 = makeJpeg(scanRaster(200, { widthMm: 105, heightMm: 148, seed: 3 }), 200);
    const jpg300 = makeJpeg(scanRaster(300, { widthMm: 105, heightMm: 148, seed: 5 }), 300);
    const tiff = makeTiff([1, 2, 3].map((seed) => ({ raster: scanRaster(200, { widthMm: 60, heightMm: 40, seed }), dpi: 200 })));
    const one = await stage('Trang 1.jpg', jpg300);
    expect(one).toMatchObject({ name: 'Trang 1.pdf', mime: 'application/pdf', pageCount: 1, convertedFrom: 'image/jpeg' });
    expect(readFileSync(join(c.dir, 'files', one.sha256.slice(0, 2), one.sha256)).indexOf(Buffer.from(jpg300))).toBeGreaterThan(0);
    expect(await stage('Phụ lục.tif', tiff)).toMatchObject({ name: 'Phụ lục.pdf', pageCount: 3, convertedFrom: 'image/tiff' });
    const many = await c.client.call('intake.stageImages', {
      name: 'Công văn 1866.pdf',
      images: [{ name: 'p1.jpg', contentBase64: b64(jpg200) }, { name: 'p2.jpg', contentBase64: b64(jpg300) }, { name: 'p3.tif', contentBase64: b64(tiff) }],
    });
    expect(many).toMatchObject({ name: 'Công văn 1866.pdf', pageCount: 5, convertedFrom: 'image/jpeg, image/tiff' });
    const doc = await c.client.call('documents.registerIncoming', {
      issuer: 'Sở Xây dựng', number: '1866', notation: 'SXD-VP', documentDate: '2026-11-20', docType: 'CV',
      subject: 'Về việc cấp phép xây dựng', urgency: 'normal', secrecy: 'none', dueDate: null,
      files: [{ sha256: many.sha256, name: many.name, role: 'main' }, { sha256: one.sha256, name: one.name, role: 'appendix' }],
    });
    expect(await c.client.call('documents.getIncoming', { id: doc.id })).toMatchObject({ pageCount: 5 });
  });
});

describe('bad files get a clear error and lose nothing', () => {
  it('refuses corrupt, truncated, encrypted, oversized and non-scan files; earlier staged files stay', async () => {
    const good = await stage('giu-lai.pdf', await pdfLibDocument(2));
    const before = blobCount();
    const pdf = await pdfLibDocument(2);
    const jpg = makeJpeg(scanRaster(200, { widthMm: 50, heightMm: 40 }), 200);
    const cases: [string, Uint8Array, string, RegExp][] = [
      ['hong.pdf', corruptPdf(pdf), 'FILE_INVALID', /hỏng/],
      ['cut.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)), 'FILE_INVALID', /hỏng/],
      ['khoa.pdf', encryptedPdf(pdf, c.dir), 'FILE_INVALID', /mật khẩu/],
      ['cut.jpg', jpg.subarray(0, Math.floor(jpg.length / 2)), 'FILE_INVALID', /chưa ghi xong.*quét lại/],
      ['empty.pdf', new Uint8Array(), 'FILE_INVALID', /rỗng/],
    ];
    for (const [name, bytes, code, message] of cases) {
      await expect(stage(name, bytes), name).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    }
    await expect(
      c.client.call('intake.stageImages', { name: 'x.pdf', images: [{ name: 'a.pdf', contentBase64: b64(pdf) }] }),
    ).rejects.toMatchObject({ code: 'FILE_INVALID', message: expect.stringMatching(/không phải ảnh quét/) });
    const huge = 'A'.repeat(Math.ceil(((100 * 1024 * 1024 + 1024) * 4) / 3));
    await expect(c.client.call('intake.stageImages', { name: 'x.pdf', images: [{ name: 'big.tif', contentBase64: huge }] }))
      .rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/200 dpi/) });
    expect(blobCount()).toBe(before);
    expect(cached(good.sha256).length).toBe(good.size);
  });
});
