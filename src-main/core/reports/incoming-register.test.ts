import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-pull';
import { b64, makePdf, startOfflineCore, type OfflineCore } from '../testing/offline-core';

let c: OfflineCore;
const today = todayInVietnam();
const registerId = randomUUID();

function confirmed(n: number, over: Record<string, unknown> = {}): Change {
  const id = randomUUID();
  return {
    entity: 'incomingDocument', id, version: n, deleted: false,
    data: {
      id, registerId, year: 2026, arrivalNumber: n, arrivalDate: '2026-03-02', issuer: 'Bộ Nội vụ', number: String(n), notation: 'QĐ-BNV',
      documentDate: '2026-02-27', docType: 'QD', subject: `về việc đào tạo, bồi dưỡng cán bộ đợt ${n}`, urgency: 'normal', secrecy: 'none',
      dueDate: null, pageCount: 1, recipients: 'Phòng Tổ chức cán bộ', note: '', status: 'registered', createdBy: randomUUID(),
      createdAt: '2026-03-02T03:00:00.000Z', provisionalNumber: null, ...over,
    },
  } as Change;
}

beforeAll(async () => {
  c = await startOfflineCore('clerk');
  // No. 2: the clerk typed the type name into the subject; the register must not print it twice.
  const changes = Array.from({ length: 45 }, (_, i) => confirmed(i + 1, i === 1 ? { subject: 'Quyết định khen thưởng tập thể lao động tiên tiến' } : {}));
  changes.push(confirmed(1, { secrecy: 'confidential', subject: 'văn bản mật không được in vào sổ thường', issuer: 'Công an tỉnh', notation: 'CAT-PV01' }));
  applyPullPage(c.core.ctx.replica.sqlite, { changes, cursor: 46, hasMore: false });
  const pdf = await makePdf(1);
  const staged = await c.client.call('intake.stageFile', { name: 'cv.pdf', contentBase64: b64(pdf) });
  await c.client.call('documents.registerIncoming', {
    issuer: 'Sở Xây dựng Hà Nội', number: '1866', notation: 'SXD-VP', documentDate: today, docType: 'CV',
    subject: 'Về việc đăng ký kế hoạch xây dựng năm sau', urgency: 'flash', secrecy: 'none', dueDate: null,
    recipients: 'Giám đốc; Phòng Kế hoạch', note: 'Hỏa tốc',
    files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
  });
}, 60_000);
afterAll(async () => {
  await c?.close();
});

function pdfText(base64: string): string {
  const file = join(c.dir, `register-${randomUUID()}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('registers.exportIncoming', () => {
  it('prints the incoming register to a landscape PDF with the 10 columns, Vietnamese text and page numbers', async () => {
    const out = await c.client.call('registers.exportIncoming', { from: '2026-01-01', to: today, format: 'pdf' });
    expect(out.fileName).toBe(`So-van-ban-den_2026-01-01_${today}.pdf`);
    const text = pdfText(out.contentBase64);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('SỞ THỬ NGHIỆM');
    expect(flat).toContain('SỔ VĂN BẢN ĐẾN');
    expect(flat).toContain(`Từ ngày 01/01/2026 đến ngày ${today.slice(8)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
    // Narrow header cells wrap ("Ngày / chuyển"), so look for each heading's words.
    for (const col of ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu', 'Đơn vị hoặc', 'chuyển', 'Ký nhận', 'Ghi chú', '(10)']) {
      expect(flat).toContain(col);
    }
    expect(flat).toContain('02/03/2026');
    expect(flat).toContain('45/QĐ-BNV');
    expect(flat).toContain('Quyết định về việc đào tạo');
    // The offline registration shows its provisional number; the secret register's entry is not in this one.
    expect(flat).toContain('1866/SXD-VP');
    expect(flat).toMatch(/46 \(số tạm\)/);
    expect(flat).not.toContain('văn bản mật');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: Buffer.from(out.contentBase64, 'base64'), encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    expect(flat).toContain(`Trang 1/${pages}`);
    expect(flat).toContain(`Trang ${pages}/${pages}`);
    const info = execFileSync('pdfinfo', ['-'], { input: Buffer.from(out.contentBase64, 'base64'), encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    expect(execFileSync('pdffonts', ['-'], { input: Buffer.from(out.contentBase64, 'base64'), encoding: 'utf8' })).toMatch(/NotoSerif-Regular\S* +CID TrueType +Identity-H +yes +\w+ +yes/);
  });

  it('exports the same register to Excel, read back cell by cell', async () => {
    const out = await c.client.call('registers.exportIncoming', { from: '2026-03-01', to: today, format: 'xlsx' });
    expect(out.fileName.endsWith('.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sổ văn bản đến')!;
    expect(ws.getCell('A1').value).toBe('SỞ THỬ NGHIỆM');
    expect(ws.getRow(4).values).toEqual([undefined, 'Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng',
      'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ngày chuyển', 'Ký nhận', 'Ghi chú']);
    expect(ws.rowCount).toBe(5 + 46);
    expect((ws.getRow(6).values as unknown[]).slice(1, 7)).toEqual(['02/03/2026', '1', 'Bộ Nội vụ', '1/QĐ-BNV', '27/02/2026', 'Quyết định về việc đào tạo, bồi dưỡng cán bộ đợt 1']);
    expect((ws.getRow(7).values as unknown[])[6]).toBe('Quyết định khen thưởng tập thể lao động tiên tiến');
    const lastRow = ws.getRow(ws.rowCount).values as unknown[];
    expect(lastRow.slice(1, 8)).toEqual([
      `${today.slice(8)}/${today.slice(5, 7)}/${today.slice(0, 4)}`, '46 (số tạm)', 'Sở Xây dựng Hà Nội', '1866/SXD-VP',
      `${today.slice(8)}/${today.slice(5, 7)}/${today.slice(0, 4)}`, 'Về việc đăng ký kế hoạch xây dựng năm sau', 'Giám đốc; Phòng Kế hoạch',
    ]);
  });

  it('prints the secret register apart, and refuses a reversed range', async () => {
    const out = await c.client.call('registers.exportIncoming', { from: '2026-01-01', to: today, format: 'pdf', registerKind: 'incomingSecret' });
    const flat = pdfText(out.contentBase64).replace(/\s+/g, ' ');
    expect(flat).toContain('SỔ VĂN BẢN ĐẾN MẬT');
    expect(flat).toContain('CAT-PV01');
    expect(flat).not.toContain('SXD-VP');
    await expect(c.client.call('registers.exportIncoming', { from: '2026-05-01', to: '2026-04-01', format: 'xlsx' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
