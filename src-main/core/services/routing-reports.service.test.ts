import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { Assignment, ExtensionRequest } from '../../../src-shared/domain/routing';
import { addCalendarDays } from '../../../src-shared/domain/working-days';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-pull';
import { startOfflineCore, type OfflineCore } from '../testing/offline-core';

let leader: OfflineCore;
let staff: OfflineCore;
const today = todayInVietnam();
const month = { from: addCalendarDays(today, -30), to: addCalendarDays(today, 40) };
const unitTccb = randomUUID();
const unitVp = randomUUID();
const anh = randomUUID();
const lan = randomUUID();
const registerId = randomUUID();
let version = 0;
const v = () => ++version;

function doc(n: number, subject: string): { id: string; change: Change } {
  const id = randomUUID();
  return {
    id,
    change: {
      entity: 'incomingDocument', id, version: v(), deleted: false,
      data: {
        id, registerId, year: Number(today.slice(0, 4)), arrivalNumber: n, arrivalDate: today, issuer: 'Ủy ban nhân dân tỉnh Sông Lam',
        number: String(200 + n), notation: 'UBND-NC', documentDate: today, docType: 'CV', subject, urgency: 'normal', secrecy: 'none',
        dueDate: null, pageCount: 1, recipients: '', note: '', status: 'assigned', createdBy: lan, createdAt: new Date().toISOString(),
        provisionalNumber: null,
      },
    } as Change,
  };
}

function assignment(documentId: string, over: Partial<Assignment>): Change {
  const id = randomUUID();
  const data: Assignment = {
    id, documentId, taskId: null, parentId: null, assigneeUserId: anh, assigneeUnitId: null, role: 'primary', dueDate: addCalendarDays(today, 5),
    status: 'open', assignedBy: lan, directiveId: null, resultNote: '', replyNotation: null, completedAt: null, createdAt: new Date().toISOString(), ...over,
  };
  return { entity: 'assignment', id, version: v(), deleted: false, data } as Change;
}

beforeAll(async () => {
  [leader, staff] = await Promise.all([startOfflineCore('leader'), startOfflineCore('staff')]);
  const d1 = doc(1, 'V/v rà soát quy chế văn hóa công sở');
  const d2 = doc(2, 'V/v báo cáo biên chế năm 2026');
  const d3 = doc(3, 'V/v cử cán bộ dự tập huấn');
  const late = assignment(d2.id, { dueDate: addCalendarDays(today, -3), status: 'open' });
  const extension: ExtensionRequest = {
    id: randomUUID(), assignmentId: (late as { id: string }).id, documentId: d2.id, taskId: null, requestedBy: anh,
    currentDueDate: addCalendarDays(today, -10), requestedDueDate: addCalendarDays(today, -3), reason: 'Chờ số liệu', status: 'approved',
    decidedBy: lan, decisionNote: '', decidedAt: new Date().toISOString(), createdAt: new Date().toISOString(),
  };
  const changes: Change[] = [
    { entity: 'unit', id: unitTccb, version: v(), deleted: false, data: { id: unitTccb, code: 'TCCB', name: 'Phòng Tổ chức cán bộ', parentId: null } },
    { entity: 'unit', id: unitVp, version: v(), deleted: false, data: { id: unitVp, code: 'VP', name: 'Văn phòng', parentId: null } },
    { entity: 'user', id: anh, version: v(), deleted: false, data: { id: anh, username: 'chuyenvien', fullName: 'Đỗ Minh Anh', role: 'staff', unitId: unitTccb, position: 'Chuyên viên', active: true } },
    { entity: 'user', id: lan, version: v(), deleted: false, data: { id: lan, username: 'giamdoc', fullName: 'Trần Văn Minh', role: 'leader', unitId: null, position: 'Giám đốc', active: true } },
    d1.change,
    d2.change,
    d3.change,
    // d1: done on time with the reply; the unit Văn phòng coordinates.
    assignment(d1.id, { status: 'done', completedAt: new Date().toISOString(), replyNotation: '412/SNV-TCCB', resultNote: 'Đã báo cáo' }),
    assignment(d1.id, { role: 'coordinator', assigneeUserId: null, assigneeUnitId: unitVp }),
    // d2: open past its (extended) deadline.
    late,
    { entity: 'extensionRequest', id: extension.id, version: v(), deleted: false, data: extension } as Change,
    // d3: assigned to the unit Văn phòng itself, still in time.
    assignment(d3.id, { assigneeUserId: null, assigneeUnitId: unitVp, dueDate: addCalendarDays(today, 20) }),
  ];
  applyPullPage(leader.core.ctx.replica.sqlite, { changes, cursor: version, hasMore: false });
}, 60_000);

afterAll(async () => {
  await Promise.all([leader?.close(), staff?.close()]);
});

describe('routing reports from the replica', () => {
  it('rates on-time and overdue work per unit and per person; usage needs the server', async () => {
    const stats = await leader.client.call('reports.handlingStats', month);
    expect(stats.byUnit.map((u) => [u.name, u.total, u.onTime, u.overdueOpen, u.inTime, u.onTimeRate, u.overdueRate])).toEqual([
      ['Phòng Tổ chức cán bộ', 2, 1, 1, 0, 50, 50],
      ['Văn phòng', 1, 0, 0, 1, null, null],
    ]);
    expect(stats.byPerson.map((p) => [p.name, p.total, p.onTimeRate])).toEqual([['Đỗ Minh Anh', 2, 50]]);
    // This core has no server: the report says why usage is missing instead of failing.
    expect(stats.usage).toEqual([]);
    expect(stats.usageProblem).toBeTruthy();
  });

  it('prints the tracking register with handler, deadline, progress, reply and extension', async () => {
    const out = await leader.client.call('reports.handlingRegister', { ...month, format: 'pdf' });
    expect(out.fileName).toBe(`So-theo-doi-giai-quyet_${month.from}_${month.to}.pdf`);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(out.contentBase64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(text).toContain('201/UBND-NC');
    expect(text).toContain('Đỗ Minh Anh (xử lý');
    expect(text).toContain('412/SNV-TCCB');
    expect(text).toContain('quá hạn');

    const xlsx = await leader.client.call('reports.handlingRegister', { ...month, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo dõi giải quyết')!;
    const rows = [6, 7, 8].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]![0]).toBe('1');
    expect(rows[0]![1]).toBe(`Công văn số 201/UBND-NC ngày ${today.slice(8)}/${today.slice(5, 7)}/${today.slice(0, 4)} của Ủy ban nhân dân tỉnh Sông Lam: V/v rà soát quy chế văn hóa công sở`);
    expect(rows[0]![2]).toBe('Đỗ Minh Anh (xử lý chính); phối hợp: Văn phòng');
    expect(String(rows[0]![4])).toMatch(/^Hoàn thành .* \(đúng hạn\): Đã báo cáo$/);
    expect(rows[0]![5]).toBe('412/SNV-TCCB');
    expect(String(rows[1]![4])).toMatch(/quá hạn \d+ ngày làm việc/);
    expect(String(rows[1]![6])).toMatch(/^Gia hạn đến /);
    expect(rows[2]![2]).toBe('Văn phòng (xử lý chính)');
  });

  it('exports the handling report, and keeps it from staff', async () => {
    const pdf = await leader.client.call('reports.exportHandlingStats', { ...month, format: 'pdf' });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(pdf.contentBase64, 'base64'), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Phòng Tổ chức cán bộ 2 1 0 1 0 0 50 % 50 %');
    await expect(staff.client.call('reports.handlingStats', month)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(leader.client.call('reports.handlingStats', { from: month.to, to: month.from })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
