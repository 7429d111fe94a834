import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderHandlingRegisterPdf, type HandlingRegisterRow } from './handling-register.pdf';
import { renderHandlingRegisterXlsx } from './handling-register.xlsx';
import { renderHandlingReportPdf, type HandlingReport } from './handling-report.pdf';
import { renderHandlingReportXlsx } from './handling-report.xlsx';
import { findResourcesDir } from './resources-dir';
import { countItems } from './routing-stats';

const header = (title: string) => ({ organizationName: 'Sở Thử Nghiệm', title, from: '2026-11-01', to: '2026-11-30', printedAt: new Date('2026-11-23T08:00:00Z') });

const pdfText = (bytes: Uint8Array) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(bytes), encoding: 'utf8' }).replace(/\s+/g, ' ');

const registerRows: HandlingRegisterRow[] = Array.from({ length: 40 }, (_, i) => [
  String(i + 1),
  `Công văn số ${100 + i}/SXD-VP ngày 02/11/2026 của Sở Xây dựng về việc đăng ký kế hoạch đầu tư công năm ${2027 + (i % 2)}`,
  'Phòng Kế hoạch (xử lý chính: Nguyễn Văn Bình); phối hợp: Phòng Tài chính',
  '15/11/2026',
  i % 3 === 0 ? 'Hoàn thành 14/11/2026 (đúng hạn)' : 'Đang xử lý — quá hạn 8 ngày',
  i % 3 === 0 ? `${45 + i}/KH-STN` : '',
  i === 0 ? 'Gia hạn đến 20/11/2026' : '',
]);

describe('sổ theo dõi giải quyết văn bản đến', () => {
  it('prints the seven numbered columns with Vietnamese text, header repeated over several pages', async () => {
    const bytes = await renderHandlingRegisterPdf(registerRows, header('Sổ theo dõi giải quyết văn bản đến'), findResourcesDir());
    const text = pdfText(bytes);
    expect(text).toContain('SỞ THỬ NGHIỆM');
    expect(text).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    for (const col of ['Số đến', 'Đơn vị/người nhận', 'Thời hạn giải', 'Tiến độ giải quyết', 'trả lời', 'Ghi chú', '(7)']) expect(text).toContain(col);
    expect(text).toContain('Hoàn thành 14/11/2026 (đúng');
    expect(text).toContain('84/KH-STN');
    expect(text).toContain('Nguyễn Văn Bình');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: Buffer.from(bytes), encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    // Every page starts its table with the headings.
    for (let p = 1; p <= pages; p++) {
      const page = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', '-', '-'], { input: Buffer.from(bytes), encoding: 'utf8' });
      expect(page).toContain('Số đến');
    }
  });

  it('exports the same rows to Excel', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderHandlingRegisterXlsx(registerRows, header('Sổ theo dõi giải quyết văn bản đến'))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo dõi giải quyết')!;
    expect(ws.getCell('A2').value).toBe('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      'Số đến', 'Tên loại, số, ký hiệu, ngày tháng văn bản và cơ quan ban hành', 'Đơn vị/người nhận', 'Thời hạn giải quyết',
      'Tiến độ giải quyết', 'Số, ký hiệu văn bản trả lời', 'Ghi chú',
    ]);
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)']);
    expect(ws.rowCount).toBe(5 + 40);
    expect((ws.getRow(6).values as unknown[]).slice(1)).toEqual([...registerRows[0]!]);
  });
});

const stats = (name: string, onTime: number, late: number, open: number) => ({
  key: name,
  name,
  ...countItems(
    [
      ...Array.from({ length: onTime }, () => ({ kind: 'document' as const, userId: 'x', unitId: 'u', deadline: '2026-11-10', doneOn: '2026-11-09' })),
      ...Array.from({ length: late }, () => ({ kind: 'task' as const, userId: 'x', unitId: 'u', deadline: '2026-11-10', doneOn: '2026-11-12' })),
      ...Array.from({ length: open }, () => ({ kind: 'document' as const, userId: 'x', unitId: 'u', deadline: '2026-11-10', doneOn: null })),
    ],
    '2026-11-23',
  ),
});

const report: HandlingReport = {
  byUnit: [stats('Phòng Kế hoạch', 7, 1, 0), stats('Văn phòng', 3, 0, 1)],
  byPerson: [stats('Nguyễn Văn Bình', 4, 1, 0), stats('Trần Thị Hoa', 3, 0, 1)],
  usage: [
    { day: '2026-11-20', activeUsers: 5, staffTotal: 6, rate: 83.3 },
    { day: '2026-11-23', activeUsers: 3, staffTotal: 6, rate: 50 },
  ],
};

describe('báo cáo tình hình xử lý', () => {
  it('prints rates per unit and per person and daily usage, with figures a leader can read', async () => {
    const text = pdfText(await renderHandlingReportPdf(report, header('Báo cáo tình hình xử lý văn bản, nhiệm vụ'), findResourcesDir()));
    expect(text).toContain('BÁO CÁO TÌNH HÌNH XỬ LÝ VĂN BẢN, NHIỆM VỤ');
    expect(text).toContain('1. Theo đơn vị');
    expect(text).toContain('2. Theo cá nhân');
    expect(text).toContain('3. Tỷ lệ cán bộ sử dụng hệ thống');
    expect(text).toContain('Tỷ lệ đúng hạn và quá hạn theo đơn vị');
    // Phòng Kế hoạch: 7 of 8 on time = 87,5 %; Văn phòng 3 of 4 = 75 %, 1 overdue = 25 %.
    expect(text).toMatch(/Phòng Kế hoạch 8 7 1 0 0 0 87,5 % 12,5 %/);
    expect(text).toMatch(/Văn phòng 4 3 0 1 0 0 75 % 25 %/);
    expect(text).toContain('Trần Thị Hoa');
    expect(text).toMatch(/20\/11\/2026 5 6 83,3 %/);
  });

  it('exports the report to Excel with numbers and percent-formatted rates', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderHandlingReportXlsx(report, header('Báo cáo tình hình xử lý văn bản, nhiệm vụ'))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo đơn vị', 'Theo cá nhân', 'Sử dụng hệ thống']);
    const units = wb.getWorksheet('Theo đơn vị')!;
    expect((units.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['Đơn vị', 'Tổng số', 'Đúng hạn']);
    expect((units.getRow(5).values as unknown[]).slice(1)).toEqual(['Phòng Kế hoạch', 8, 7, 1, 0, 0, 0, 0.875, 0.125]);
    expect(units.getCell('H5').numFmt).toBe('0.0%');
    const usage = wb.getWorksheet('Sử dụng hệ thống')!;
    expect((usage.getRow(5).values as unknown[]).slice(1)).toEqual(['20/11/2026', 5, 6, 0.833]);
  });
});
