/**
 * Entities as they travel between server, replica and UI, with their zod schemas.
 * Field names follow DOMAIN.md's vocabulary (appendix VI names in comments).
 */
import { z } from 'zod';
import { DOC_TYPE_CODES } from './doc-types';
import { FILE_ROLES, INCOMING_STATUSES, REGISTER_KINDS, ROLES, SECRECIES, URGENCIES } from './enums';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
export const isoDateTime = z.string().datetime({ offset: true });
export const uuid = z.string().uuid();
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 dạng hex');

export const unitSchema = z.object({
  id: uuid,
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
  parentId: uuid.nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export const userSchema = z.object({
  id: uuid,
  username: z.string().min(1).max(64),
  fullName: z.string().min(1).max(200),
  role: z.enum(ROLES),
  unitId: uuid.nullable(),
  position: z.string().max(200),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const organizationSchema = z.object({
  /** Mã định danh (OrganId), e.g. 000.00.12.H53 */
  id: z.string().min(1).max(13),
  name: z.string().min(1).max(200),
  abbr: z.string().min(1).max(20),
  place: z.string().min(1).max(100),
});
export type Organization = z.infer<typeof organizationSchema>;

export const registerSchema = z.object({
  id: uuid,
  kind: z.enum(REGISTER_KINDS),
  year: z.number().int().min(2000).max(2100),
  name: z.string().min(1).max(200),
  /** Last number the server handed out in this register (0 when none yet). */
  lastNumber: z.number().int().min(0),
});
export type Register = z.infer<typeof registerSchema>;

export const documentFileSchema = z.object({
  id: uuid,
  documentId: uuid,
  sha256: sha256Hex,
  name: z.string().min(1).max(255),
  size: z.number().int().min(0),
  mime: z.string().min(1).max(100),
  role: z.enum(FILE_ROLES),
  pageCount: z.number().int().min(0).nullable(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

/** Văn bản đến, as the server confirms it. */
export const incomingDocumentSchema = z.object({
  id: uuid,
  registerId: uuid,
  year: z.number().int(),
  /** Số đến, allocated by the server. */
  arrivalNumber: z.number().int().min(1),
  /** Ngày đến (ArrivalDate) */
  arrivalDate: isoDate,
  /** Cơ quan ban hành (OrganName) */
  issuer: z.string().min(1).max(200),
  /** CodeNumber, e.g. "1866"; null for documents without a number */
  number: z.string().max(11).nullable(),
  /** CodeNotation, e.g. "SXD-VP" */
  notation: z.string().max(30),
  /** IssuedDate */
  documentDate: isoDate,
  docType: z.enum(DOC_TYPE_CODES),
  /** Trích yếu (Subject) */
  subject: z.string().min(1).max(500),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  /** Hạn xử lý (DueDate) */
  dueDate: isoDate.nullable(),
  pageCount: z.number().int().min(0).nullable(),
  /** Đơn vị hoặc người nhận (ToPlaces) */
  recipients: z.string().max(500),
  /** Ghi chú (Description) */
  note: z.string().max(500),
  status: z.enum(INCOMING_STATUSES),
  createdBy: uuid,
  createdAt: isoDateTime,
  /** The provisional number the registering client showed before the server allocated one. */
  provisionalNumber: z.number().int().nullable(),
});
export type IncomingDocument = z.infer<typeof incomingDocumentSchema>;
