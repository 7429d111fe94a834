import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-pull';
import { startOfflineCore, type OfflineCore } from '../testing/offline-core';

let c: OfflineCore;
const pdf = { sha256: 'a'.repeat(64), name: 'vb.pdf', size: 10, mime: 'application/pdf', pageCount: 1 };

function issued(n: number, over: Record<string, unknown> = {}): Change {
  const id = randomUUID();
  return {
    entity: 'outgoingDocument', id, version: n, deleted: false,
    data: {
      id, registerId: randomUUID(), year: 2026, number: n, numberText: n < 10 ? `0${n}` : String(n), notation: 'KH-STN', issuedDate: `2026-03-${String(n).padStart(2, '0')}`,
      docType: 'KH', subject: `tổ chức hội nghị đợt ${n}`, urgency: 'normal', secrecy: 'none', signerName: 'Trần Văn Minh', signerPosition: 'Giám đốc',
      recipientsText: 'Các phòng; Lưu: VT', keptBy: 'Phòng Tổ chức cán bộ', issuedAmount: 3, note: '', status: 'issued', signedPdf: pdf, issuedPdf: pdf,
      issuedAttachments: [], revokedAt: null, revokeReason: null, replacedById: null, replacesId: null, dispatchedAt: '2026-03-10T02:00:00.000Z',
      issuedBy: randomUUID(), issuedAt: '2026-03-01T02:00:00.000Z', provisionalNumber: null, ...over,
    },
  } as Change;
}

let first: string;
beforeAll(async () => {
  c = await startOfflineCore('clerk');
  const docs = [issued(1), issued(2, { status: 'revoked', revokeReason: 'Sai thời gian' }), issued(12)];
  first = docs[0]!.id;
  const recipient: Change = {
    entity: 'outgoingRecipient', id: randomUUID(), version: 20, deleted: false,
    data: { id: randomUUID(), outgoingId: first, channel: 'organ', unitId: null, userId: null, organId: '000.00.13.H99', name: 'Sở Tài chính', email: null, address: null, status: 'sent', statusCode: null, note: '', sentAt: null, readAt: null },
  };
  const postal: Change = {
    entity: 'postalEntry', id: randomUUID(), version: 21, deleted: false,
    data: { id: randomUUID(), outgoingId: first, year: 2026, date: '2026-03-02', recipientName: 'UBND huyện Nam Đàn', envelopes: 2, receipt: 'EMS 123', note: 'Bảo đảm', createdBy: randomUUID() },
  };
  applyPullPage(c.core.ctx.replica.sqlite, { changes: [...docs, recipient, postal], cursor: 21, hasMore: false });
}, 60_000);
afterAll(async () => {
  await c?.close();
});

const pdfText = (base64: string) => {
  const file = join(c.dir, `r-${randomUUID()}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe('outgoing and postal registers', () => {
  it('prints the outgoing register with its 10 columns, recipients, revocations and only the chosen dates', async () => {
    const out = await c.client.call('registers.exportOutgoing', { from: '2026-03-01', to: '2026-03-05', format: 'pdf' });
    expect(out.fileName).toBe('So-van-ban-di_2026-03-01_2026-03-05.pdf');
    const text = pdfText(out.contentBase64);
    for (const col of ['Số, ký hiệu', 'Người ký', 'Nơi nhận', 'Ký nhận', 'Ghi chú', '(1)', '(10)']) expect(text).toContain(col);
    expect(text).toContain('01/KH-STN');
    expect(text).toContain('Kế hoạch tổ chức hội nghị đợt 1');
    expect(text).toContain('Sở Tài chính');
    expect(text).toMatch(/Đã thu hồi: Sai/);
    expect(text).not.toContain('12/KH-STN');
  });

  it('exports the outgoing register and the postal register to Excel, readable back', async () => {
    const read = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      const values: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
      return values;
    };
    const outgoing = await read((await c.client.call('registers.exportOutgoing', { from: '2026-01-01', to: '2026-12-31', format: 'xlsx' })).contentBase64);
    expect(outgoing).toEqual(expect.arrayContaining(['01/KH-STN', '02/KH-STN', '12/KH-STN', 'Trần Văn Minh', 'Phòng Tổ chức cán bộ', '3']));
    const postal = await read((await c.client.call('registers.exportPostal', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' })).contentBase64);
    expect(postal).toEqual(expect.arrayContaining(['02/03/2026', '01/KH-STN', 'UBND huyện Nam Đàn', '2', 'EMS 123', 'Bảo đảm']));
    const postalPdf = pdfText((await c.client.call('registers.exportPostal', { from: '2026-03-01', to: '2026-03-31', format: 'pdf' })).contentBase64);
    expect(postalPdf).toContain('Số lượng bì');
    expect(postalPdf).toContain('UBND huyện Nam Đàn');
  });

  it('refuses a reversed date range with a message', async () => {
    await expect(c.client.call('registers.exportOutgoing', { from: '2026-03-05', to: '2026-03-01', format: 'pdf' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
