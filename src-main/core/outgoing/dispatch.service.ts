/**
 * Gửi văn bản đi: internal recipients through the server (outgoing.dispatch), other agencies as edXML packages,
 * e-mail-only recipients over SMTP, paper copies into the postal register; each outcome is recorded on the recipient
 * (outgoing.recipientStatus). Also edXML import (documents staged for registration, status messages applied).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { DispatchResult, EdxmlImport, EdxmlOrgan, OUTGOING_METHODS } from '../../../src-shared/contract/methods-outgoing';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { docTypeByCode } from '../../../src-shared/domain/doc-types';
import type { Organization, User } from '../../../src-shared/domain/entities';
import { URGENCY_EDXML } from '../../../src-shared/domain/enums';
import { OUTGOING_MANAGERS, type OutgoingDocument, type OutgoingRecipient, type RecipientStatus } from '../../../src-shared/domain/outgoing';
import type { MutationArgs } from '../../../src-shared/sync/mutations';

type OutgoingRecipientArgs = MutationArgs<'outgoing.dispatch'>['addRecipients'][number];
import {
  EDXML_STATUS_LABELS,
  buildEdxmlDocument,
  buildEdxmlStatus,
  edxmlDocumentId,
  parseEdxml,
  parseEdxmlDate,
  type EdxmlBusinessType,
  type EdxmlDocument,
} from '../edxml/edxml';
import { numberNotationOf } from './issuance.service';
import { enqueue, requireManager, rowOf, rowsOf } from './outgoing.repo';
import type { SmtpSender } from './smtp-sender';

type P<M extends keyof typeof OUTGOING_METHODS> = z.output<(typeof OUTGOING_METHODS)[M]['params']>;
type FileOut = { fileName: string; mime: string; contentBase64: string };

export type DispatchDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  organization: () => Organization;
  onQueued: () => void;
  readFile: (sha256: string) => Promise<Uint8Array>;
  stageBytes: (name: string, bytes: Uint8Array) => Promise<{ sha256: string; name: string; mime: string; size: number }>;
  smtp: SmtpSender;
  now?: () => Date;
};

/** What a status code means for our recipient row. */
const STATUS_OF_CODE: Record<string, RecipientStatus> = { '01': 'arrived', '02': 'refused', '03': 'accepted', '04': 'accepted', '05': 'accepted', '06': 'accepted', '15': 'revoked' };

const EDXML_MIME = 'application/xml';

export function createDispatchService(deps: DispatchDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());

  const requireClerk = (what: string): User => requireManager(deps.requireUser(), what);
  function issuedDoc(id: string): OutgoingDocument & { issuedPdf: NonNullable<OutgoingDocument['issuedPdf']> } {
    const doc = rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', id);
    if (!doc) throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản đi (có thể chưa đồng bộ). Hãy đồng bộ rồi thử lại.');
    if (!doc.issuedPdf) {
      throw new AppError('CONFLICT', 'Văn bản chưa được ghi số, ngày và ký số của cơ quan. Hãy hoàn tất phát hành (đóng dấu số) trước khi gửi.');
    }
    return doc as OutgoingDocument & { issuedPdf: NonNullable<OutgoingDocument['issuedPdf']> };
  }
  function ourOrgan(): EdxmlOrgan {
    const org = deps.organization();
    return { organId: org.id, organizationInCharge: '', organName: org.name, organAdd: org.place, email: '', telephone: '', fax: '', website: '' };
  }

  async function packageOf(doc: ReturnType<typeof issuedDoc>, to: EdxmlOrgan[], businessType: EdxmlBusinessType, reason: string): Promise<FileOut> {
    const org = deps.organization();
    const files = [doc.issuedPdf, ...doc.issuedAttachments];
    const attachments = await Promise.all(
      files.map(async (f, i) => ({
        contentId: `cid:${i + 1}`, name: f.name, description: i === 0 ? 'Văn bản chính' : 'Phụ lục', contentType: f.mime, bytes: await deps.readFile(f.sha256),
      })),
    );
    const nn = numberNotationOf(doc);
    const replaced = doc.replacesId ? rowOf<OutgoingDocument>(sqlite, 'outgoingDocument', doc.replacesId) : null;
    const businessDoc = businessType === 3 && replaced ? replaced : businessType === 1 ? doc : null;
    const type = docTypeByCode(doc.docType);
    const edxml: EdxmlDocument = {
      kind: 'document', from: ourOrgan(), to, codeNumber: doc.numberText, codeNotation: doc.notation, place: org.place,
      promulgationDate: doc.issuedDate, documentType: { type: 1, typeDetail: 0, typeName: type?.name ?? '' }, subject: doc.subject, content: '',
      signer: { competence: '', position: doc.signerPosition, fullName: doc.signerName }, dueDate: null,
      toPlaces: doc.recipientsText ? doc.recipientsText.split(/;\s*/).filter(Boolean) : [],
      otherInfo: {
        priority: URGENCY_EDXML[doc.urgency], sphereOfPromulgation: '', typerNotation: '', promulgationAmount: doc.issuedAmount,
        pageAmount: doc.issuedPdf.pageCount ?? 0, appendixes: doc.issuedAttachments.map((a) => a.name),
      },
      responseFor: null, steeringType: 0, documentId: edxmlDocumentId(org.id, doc.issuedDate, nn),
      traces: [{ organId: org.id, timestamp: new Date(Math.floor(now().getTime() / 1000) * 1000).toISOString() }],
      business: {
        docType: businessType, reason, documentId: businessDoc ? edxmlDocumentId(org.id, businessDoc.issuedDate, numberNotationOf(businessDoc)) : '',
        paper: 0, staff: { department: '', staff: '', mobile: '', email: '' },
      },
      attachments,
    };
    return { fileName: `${nn.replaceAll('/', '-')}.edxml`, mime: EDXML_MIME, contentBase64: Buffer.from(buildEdxmlDocument(edxml), 'utf8').toString('base64') };
  }

  const organOf = (r: Pick<OutgoingRecipient, 'organId' | 'name' | 'email' | 'address'>): EdxmlOrgan => ({
    organId: r.organId ?? '', organizationInCharge: '', organName: r.name, organAdd: r.address ?? '', email: r.email ?? '', telephone: '', fax: '', website: '',
  });

  return {
    async dispatch(p: P<'outgoing.dispatch'>): Promise<{ results: DispatchResult[] }> {
      const user = requireClerk('phát hành văn bản');
      const doc = issuedDoc(p.outgoingId);
      if (doc.status !== 'issued') throw new AppError('CONFLICT', 'Văn bản đã bị thu hồi hoặc thay thế nên không gửi được.');
      const added = p.addRecipients.map((r): OutgoingRecipientArgs => ({ ...r, recipientId: randomUUID() }));
      const at = () => now().toISOString();
      sqlite.transaction(() => enqueue(sqlite, user.id, 'outgoing.dispatch', { outgoingId: doc.id, addRecipients: added }, at()))();
      const targets: (Pick<OutgoingRecipient, 'id' | 'channel' | 'name' | 'email' | 'organId' | 'address' | 'status'>)[] = [
        ...rowsOf<OutgoingRecipient>(sqlite, 'outgoingRecipient', doc.id),
        ...added.map((r) => ({ id: r.recipientId, channel: r.channel, name: r.name || r.email || '', email: r.email, organId: r.organId, address: r.address, status: 'pending' as const })),
      ];
      const results: DispatchResult[] = [];
      const record = (recipientId: string, status: RecipientStatus, note: string) =>
        sqlite.transaction(() => enqueue(sqlite, user.id, 'outgoing.recipientStatus', { recipientId, status, statusCode: null, note }, at()))();
      const nn = numberNotationOf(doc);
      for (const r of targets) {
        const base = { recipientId: r.id, channel: r.channel, name: r.name, edxml: null };
        if (r.status !== 'pending') {
          results.push({ ...base, ok: true, message: 'Đã gửi trước đó.' });
          continue;
        }
        switch (r.channel) {
          case 'unit':
          case 'user':
            results.push({ ...base, ok: true, message: 'Đã chuyển vào danh sách văn bản đến nội bộ của nơi nhận (khi đồng bộ xong).' });
            break;
          case 'organ': {
            const pkg = await packageOf(doc, [organOf(r)], 0, '');
            record(r.id, 'sent', 'Đã tạo gói edXML');
            results.push({ ...base, ok: true, message: 'Đã tạo gói edXML. Hãy gửi gói này lên trục liên thông văn bản.', edxml: pkg });
            break;
          }
          case 'email': {
            try {
              const files = [doc.issuedPdf, ...doc.issuedAttachments];
              await deps.smtp.send({
                to: r.email ?? '', toName: r.name, subject: `${nn} - ${doc.subject}`,
                text: `${deps.organization().name} gửi văn bản số ${nn} ngày ${doc.issuedDate}: ${doc.subject}.\nVăn bản điện tử có chữ ký số đính kèm thư này.`,
                attachments: await Promise.all(files.map(async (f) => ({ filename: f.name, content: await deps.readFile(f.sha256), contentType: f.mime }))),
              });
              record(r.id, 'sent', `Đã gửi thư tới ${r.email}`);
              results.push({ ...base, ok: true, message: `Đã gửi thư điện tử tới ${r.email}.` });
            } catch (err) {
              const message = err instanceof AppError ? err.message : 'Không gửi được thư điện tử.';
              record(r.id, 'failed', message);
              results.push({ ...base, ok: false, message });
            }
            break;
          }
          case 'paper':
            sqlite.transaction(() =>
              enqueue(sqlite, user.id, 'outgoing.postal', {
                entryId: randomUUID(), outgoingId: doc.id, date: todayInVietnam(now()), recipientName: r.name, envelopes: 1, receipt: '', note: r.address ?? '',
              }, at()),
            )();
            record(r.id, 'sent', 'Đã vào sổ chuyển giao bưu chính');
            results.push({ ...base, ok: true, message: 'Đã vào sổ chuyển giao văn bản qua bưu chính.' });
            break;
        }
      }
      deps.onQueued();
      return { results };
    },

    async exportEdxml(p: P<'edxml.export'>): Promise<FileOut> {
      requireClerk('xuất gói edXML');
      const doc = issuedDoc(p.outgoingId);
      const reason = p.businessType === 1 ? doc.revokeReason ?? 'Thu hồi văn bản' : p.businessType === 3 ? doc.note || 'Thay thế văn bản' : '';
      return packageOf(doc, p.to, p.businessType as EdxmlBusinessType, reason);
    },

    async importEdxml(p: P<'edxml.import'>): Promise<EdxmlImport> {
      const user = deps.requireUser();
      const parsed = parseEdxml(Buffer.from(p.contentBase64, 'base64').toString('utf8'));
      const from = { ...parsed.from };
      if (parsed.kind === 'status') {
        const doc = rowsOf<OutgoingDocument>(sqlite, 'outgoingDocument').find(
          (d) => edxmlDocumentId(deps.organization().id, d.issuedDate, numberNotationOf(d)) === parsed.responseFor.documentId,
        );
        const recipient = doc
          ? rowsOf<OutgoingRecipient>(sqlite, 'outgoingRecipient', doc.id).find((r) => r.channel === 'organ' && r.organId === parsed.from.organId)
          : undefined;
        if (recipient && OUTGOING_MANAGERS.has(user.role)) {
          const status = STATUS_OF_CODE[parsed.statusCode] ?? recipient.status;
          const note = `${EDXML_STATUS_LABELS[parsed.statusCode] ?? `Trạng thái ${parsed.statusCode}`}${parsed.description ? `: ${parsed.description}` : ''}`;
          sqlite.transaction(() =>
            enqueue(sqlite, user.id, 'outgoing.recipientStatus', { recipientId: recipient.id, status, statusCode: parsed.statusCode, note }, now().toISOString()),
          )();
          deps.onQueued();
        }
        return {
          kind: 'status', documentId: parsed.responseFor.documentId, from, statusCode: parsed.statusCode, description: parsed.description,
          timestamp: parsed.timestamp, recipientId: recipient?.id ?? null,
        };
      }
      const files = [];
      for (const a of parsed.attachments) {
        const staged = await deps.stageBytes(a.name, a.bytes);
        files.push({ sha256: staged.sha256, name: staged.name, mime: staged.mime, size: staged.size });
      }
      return {
        kind: 'document', documentId: parsed.documentId, from, codeNumber: parsed.codeNumber, codeNotation: parsed.codeNotation,
        issuedDate: parsed.promulgationDate, place: parsed.place, subject: parsed.subject, typeName: parsed.documentType.typeName,
        signerName: parsed.signer.fullName, signerPosition: parsed.signer.position, priority: parsed.otherInfo.priority, dueDate: parsed.dueDate,
        businessType: parsed.business.docType, businessReason: parsed.business.reason, files,
      };
    },

    statusMessage(p: P<'edxml.statusMessage'>): FileOut {
      requireClerk('gửi thông báo trạng thái văn bản');
      // DocumentId is `OrganId,yyyy/MM/dd,number/symbol`.
      const [organId = '', date = '', nn = ''] = p.documentId.split(',');
      const [codeNumber = '', ...rest] = nn.split('/');
      const xml = buildEdxmlStatus({
        kind: 'status',
        responseFor: { organId, codeNumber, codeNotation: rest.join('/'), promulgationDate: parseEdxmlDate(date) ?? '', documentId: p.documentId },
        from: ourOrgan(), statusCode: p.statusCode, description: p.description || (EDXML_STATUS_LABELS[p.statusCode] ?? ''),
        timestamp: new Date(Math.floor(now().getTime() / 1000) * 1000).toISOString(), staff: { department: '', staff: deps.requireUser().fullName, mobile: '', email: '' },
      });
      return { fileName: `trang-thai-${p.statusCode}-${codeNumber || 'vb'}.edxml`, mime: EDXML_MIME, contentBase64: Buffer.from(xml, 'utf8').toString('base64') };
    },
  };
}
export type DispatchService = ReturnType<typeof createDispatchService>;
