/**
 * Demo data for a fresh server (Vietnamese, fictional province "Sông Lam"): the organization, four units, six
 * users (password `VanBan@2026`), this year's registers and four registered incoming documents with real PDFs.
 * Runs only on an empty database; safe when several instances start together (checked again under a lock).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { DocTypeCode } from '../../src-shared/domain/doc-types';
import { registerYearOf, todayInVietnam } from '../../src-shared/domain/dates';
import type { Role, Urgency } from '../../src-shared/domain/enums';
import { hashPassword } from '../auth/password';
import type { BlobStore } from '../blobs/blob-store';
import { putBlob } from '../blobs/blob-store';
import type { Db } from '../db/client';
import { documentFiles, incomingDocuments, organization, registers, units, users } from '../db/schema';
import { lockVersionWriters } from '../db/versions';
import type { Logger } from '../http/http-utils';
import { allocateNumber, registerName } from '../sync/incoming-register.mutation';
import { makeOfficialPdf } from './demo-pdf';

export const DEMO_PASSWORD = 'VanBan@2026';
export const DEMO_ORGANIZATION = { id: '000.00.12.H99', name: 'Sở Nội vụ tỉnh Sông Lam', abbr: 'SNV', place: 'Sông Lam' };

const UNITS = [
  { code: 'VP', name: 'Văn phòng' },
  { code: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
  { code: 'CCHC', name: 'Phòng Cải cách hành chính' },
  { code: 'XDCQ', name: 'Phòng Xây dựng chính quyền' },
] as const;

const USERS: { username: string; role: Role; fullName: string; position: string; unit: string | null }[] = [
  { username: 'vanthu', role: 'clerk', fullName: 'Nguyễn Thị Lan', position: 'Văn thư', unit: 'VP' },
  { username: 'giamdoc', role: 'leader', fullName: 'Trần Văn Minh', position: 'Giám đốc', unit: null },
  { username: 'phogiamdoc', role: 'leader', fullName: 'Lê Thị Hồng', position: 'Phó Giám đốc', unit: null },
  { username: 'truongphong', role: 'unitHead', fullName: 'Phạm Quốc Huy', position: 'Trưởng phòng Tổ chức cán bộ', unit: 'TCCB' },
  { username: 'chuyenvien', role: 'staff', fullName: 'Đỗ Minh Anh', position: 'Chuyên viên', unit: 'TCCB' },
  { username: 'quantri', role: 'admin', fullName: 'Hoàng Văn Nam', position: 'Quản trị hệ thống', unit: 'VP' },
];

type DemoDocument = {
  issuer: string;
  number: string;
  notation: string;
  docType: DocTypeCode;
  title: string;
  subject: string;
  urgency: Urgency;
  daysAgo: number;
  dueInDays: number | null;
  pages: number;
  paragraphs: string[];
};

const DOCUMENTS: DemoDocument[] = [
  {
    issuer: 'UBND tỉnh Sông Lam', number: '1866', notation: 'UBND-VX', docType: 'CV', title: '',
    subject: 'V/v tăng cường công tác cải cách hành chính và chuyển đổi số trong cơ quan nhà nước',
    urgency: 'normal', daysAgo: 6, dueInDays: 14, pages: 1,
    paragraphs: [
      'Kính gửi: Sở Nội vụ tỉnh Sông Lam.',
      'Thực hiện chương trình tổng thể cải cách hành chính nhà nước, Ủy ban nhân dân tỉnh yêu cầu Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành rà soát thủ tục hành chính, đẩy mạnh tiếp nhận và xử lý văn bản điện tử.',
      'Đề nghị Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 25 của tháng cuối quý để theo dõi, chỉ đạo.',
    ],
  },
  {
    issuer: 'Bộ Nội vụ', number: '15', notation: 'QĐ-BNV', docType: 'QD', title: 'Quyết định',
    subject: 'Ban hành Quy chế mẫu về công tác văn thư, lưu trữ tại các cơ quan, tổ chức',
    urgency: 'normal', daysAgo: 4, dueInDays: null, pages: 2,
    paragraphs: [
      'BỘ TRƯỞNG BỘ NỘI VỤ',
      'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
      'Điều 1. Ban hành kèm theo Quyết định này Quy chế mẫu về công tác văn thư, lưu trữ tại các cơ quan, tổ chức.',
      'Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, tổ chức chịu trách nhiệm thi hành Quyết định này.',
    ],
  },
  {
    issuer: 'Sở Tài chính', number: '245', notation: 'STC-NS', docType: 'CV', title: '',
    subject: 'V/v rà soát, báo cáo tình hình sử dụng kinh phí chi thường xuyên',
    urgency: 'urgent', daysAgo: 2, dueInDays: 5, pages: 1,
    paragraphs: [
      'Kính gửi: Các sở, ban, ngành thuộc tỉnh.',
      'Để có cơ sở tổng hợp, báo cáo Ủy ban nhân dân tỉnh, Sở Tài chính đề nghị các cơ quan, đơn vị rà soát tình hình sử dụng kinh phí chi thường xuyên và gửi báo cáo về Sở Tài chính đúng thời hạn.',
      'Đây là nội dung khẩn, đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện.',
    ],
  },
  {
    issuer: 'Sở Xây dựng', number: '88', notation: 'KH-SXD', docType: 'KH', title: 'Kế hoạch',
    subject: 'Kiểm tra công tác an toàn lao động tại các công trình xây dựng sử dụng vốn ngân sách',
    urgency: 'normal', daysAgo: 1, dueInDays: 20, pages: 1,
    paragraphs: [
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Kiểm tra việc chấp hành quy định về an toàn lao động của chủ đầu tư, nhà thầu thi công tại các công trình xây dựng trên địa bàn tỉnh.',
      'II. THÀNH PHẦN ĐOÀN KIỂM TRA',
      'Đề nghị Sở Nội vụ cử 01 công chức tham gia Đoàn kiểm tra liên ngành và gửi danh sách về Sở Xây dựng.',
    ],
  },
];

function shiftDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoIfEmpty(db: Db, store: BlobStore, logger: Logger, now: Date = new Date()): Promise<boolean> {
  if ((await db.select().from(organization)).length > 0) return false;
  const year = registerYearOf(now);
  const today = todayInVietnam(now);
  // Slow work (PDFs, password hashes) outside the transaction; the emptiness check is repeated under the lock.
  const pdfs = await Promise.all(
    DOCUMENTS.map(async (d) => {
      const arrivalDate = shiftDate(today, -d.daysAgo);
      const documentDate = shiftDate(arrivalDate, -2);
      const bytes = await makeOfficialPdf({
        issuer: d.issuer,
        numberNotation: `${d.number}/${d.notation}`,
        title: d.title,
        subject: d.subject,
        paragraphs: d.paragraphs,
        date: documentDate,
        pages: d.pages,
      });
      const pageCount = (await PDFDocument.load(bytes)).getPageCount();
      return { d, bytes, pageCount, arrivalDate, documentDate, sha: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
  const hashes = await Promise.all(USERS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const p of pdfs) await putBlob(store, p.sha, p.bytes);

  const seeded = await db.transaction(async (tx) => {
    await lockVersionWriters(tx);
    if ((await tx.select().from(organization)).length > 0) return false;
    await tx.insert(organization).values({ singleton: 1, ...DEMO_ORGANIZATION });
    const unitIds = new Map<string, string>(UNITS.map((u) => [u.code, crypto.randomUUID()]));
    await tx.insert(units).values(UNITS.map((u) => ({ id: unitIds.get(u.code) as string, code: u.code, name: u.name, parentId: null })));
    const userIds = new Map<string, string>();
    await tx.insert(users).values(
      USERS.map((u, i) => {
        const id = crypto.randomUUID();
        userIds.set(u.username, id);
        const h = hashes[i] as { hash: string; salt: string };
        return {
          id,
          username: u.username,
          fullName: u.fullName,
          role: u.role,
          unitId: u.unit ? (unitIds.get(u.unit) ?? null) : null,
          position: u.position,
          active: true,
          passwordHash: h.hash,
          passwordSalt: h.salt,
        };
      }),
    );
    for (const kind of ['incoming', 'outgoing'] as const) {
      await tx
        .insert(registers)
        .values({ id: crypto.randomUUID(), kind, year, name: registerName(kind, year), lastNumber: 0 })
        .onConflictDoNothing();
    }
    const clerkId = userIds.get('vanthu') as string;
    for (const p of pdfs) {
      const { registerId, number } = await allocateNumber(tx, 'incoming', year);
      const documentId = crypto.randomUUID();
      await tx.insert(incomingDocuments).values({
        id: documentId,
        registerId,
        year,
        arrivalNumber: number,
        arrivalDate: p.arrivalDate,
        issuer: p.d.issuer,
        number: p.d.number,
        notation: p.d.notation,
        documentDate: p.documentDate,
        docType: p.d.docType,
        subject: p.d.subject,
        urgency: p.d.urgency,
        secrecy: 'none',
        dueDate: p.d.dueInDays === null ? null : shiftDate(p.arrivalDate, p.d.dueInDays),
        pageCount: p.pageCount,
        recipients: 'Giám đốc',
        note: '',
        status: 'registered',
        createdBy: clerkId,
        provisionalNumber: null,
      });
      await tx.insert(documentFiles).values({
        id: crypto.randomUUID(),
        documentId,
        sha256: p.sha,
        name: `${p.d.number}-${p.d.notation}.pdf`,
        size: p.bytes.length,
        mime: 'application/pdf',
        role: 'main',
        pageCount: p.pageCount,
      });
    }
    return true;
  });
  if (seeded) logger.info('demo data seeded', { year, documents: pdfs.length });
  return seeded;
}
