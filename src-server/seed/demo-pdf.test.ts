import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeOfficialPdf } from './demo-pdf';

describe('official PDF generator', () => {
  it('writes a two-page document whose Vietnamese text a PDF reader extracts intact', async () => {
    const bytes = await makeOfficialPdf({
      issuer: 'Sở Tài chính',
      numberNotation: '245/STC-NS',
      title: '',
      subject: 'V/v rà soát, báo cáo tình hình sử dụng kinh phí',
      paragraphs: ['Kính gửi: Các sở, ban, ngành.', 'Đề nghị các cơ quan, đơn vị gửi báo cáo đúng thời hạn.'],
      date: '2026-01-05',
      pages: 2,
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-pdf-'));
    try {
      const file = path.join(dir, 'doc.pdf');
      writeFileSync(file, bytes);
      // poppler-utils: an independent reader, not the library that wrote the file.
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Số: 245/STC-NS');
      expect(text).toContain('Sông Lam, ngày 05 tháng 01 năm 2026');
      expect(text).toContain('rà soát, báo cáo tình hình sử dụng kinh phí');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
