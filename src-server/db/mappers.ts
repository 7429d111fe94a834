/** Database rows -> shared entities as they travel on the wire (src-shared/domain/entities.ts). */
import type {
  DocumentFile,
  IncomingDocument,
  Organization,
  Register,
  Unit,
  User,
} from '../../src-shared/domain/entities';
import type { DocTypeCode } from '../../src-shared/domain/doc-types';
import type { FileRole, IncomingStatus, RegisterKind, Role, Secrecy, Urgency } from '../../src-shared/domain/enums';
import type * as s from './schema';

type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export function toOrganization(r: Row<typeof s.organization>): Organization {
  return { id: r.id, name: r.name, abbr: r.abbr, place: r.place };
}

export function toUnit(r: Row<typeof s.units>): Unit {
  return { id: r.id, code: r.code, name: r.name, parentId: r.parentId };
}

/** Never carries the password hash or salt. */
export function toUser(r: Row<typeof s.users>): User {
  return {
    id: r.id,
    username: r.username,
    fullName: r.fullName,
    role: r.role as Role,
    unitId: r.unitId,
    position: r.position,
    active: r.active,
  };
}

export function toRegister(r: Row<typeof s.registers>): Register {
  return { id: r.id, kind: r.kind as RegisterKind, year: r.year, name: r.name, lastNumber: r.lastNumber };
}

export function toIncomingDocument(r: Row<typeof s.incomingDocuments>): IncomingDocument {
  return {
    id: r.id,
    registerId: r.registerId,
    year: r.year,
    arrivalNumber: r.arrivalNumber,
    arrivalDate: r.arrivalDate,
    issuer: r.issuer,
    number: r.number,
    notation: r.notation,
    documentDate: r.documentDate,
    docType: r.docType as DocTypeCode,
    subject: r.subject,
    urgency: r.urgency as Urgency,
    secrecy: r.secrecy as Secrecy,
    dueDate: r.dueDate,
    pageCount: r.pageCount,
    recipients: r.recipients,
    note: r.note,
    status: r.status as IncomingStatus,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    provisionalNumber: r.provisionalNumber,
  };
}

export function toDocumentFile(r: Row<typeof s.documentFiles>): DocumentFile {
  return {
    id: r.id,
    documentId: r.documentId,
    sha256: r.sha256,
    name: r.name,
    size: r.size,
    mime: r.mime,
    role: r.role as FileRole,
    pageCount: r.pageCount,
  };
}
