/**
 * `incoming.register`: enters a received document in the incoming register (vào sổ văn bản đến).
 * Allocates the arrival number with a row-locking UPDATE ... RETURNING inside the caller's transaction, so
 * numbers have no gap and no duplicate, whatever the number of server instances and concurrent pushes.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { REGISTER_KIND_LABELS, type RegisterKind, isSecret } from '../../src-shared/domain/enums';
import type { RegisterIncomingArgs } from '../../src-shared/sync/mutations';
import type { Tx } from '../db/client';
import { documentFiles, incomingDocuments, registers } from '../db/schema';
import { requireUploadedBlobs } from './blob-check';
import { mayRegisterIncoming, type AuthUser } from '../auth/visibility';

export function registerName(kind: RegisterKind, year: number): string {
  return `${REGISTER_KIND_LABELS[kind]} năm ${year}`;
}

/** Next number of the register (kind, year), creating the register on first use. */
export async function allocateNumber(tx: Tx, kind: RegisterKind, year: number): Promise<{ registerId: string; number: number }> {
  await tx
    .insert(registers)
    .values({ id: crypto.randomUUID(), kind, year, name: registerName(kind, year), lastNumber: 0 })
    .onConflictDoNothing({ target: [registers.kind, registers.year] });
  const [row] = await tx
    .update(registers)
    .set({ lastNumber: sql`${registers.lastNumber} + 1`, version: sql`nextval('change_version')` })
    .where(and(eq(registers.kind, kind), eq(registers.year, year)))
    .returning({ id: registers.id, lastNumber: registers.lastNumber });
  if (!row) throw new Error(`register ${kind}/${year} missing after upsert`);
  return { registerId: row.id, number: row.lastNumber };
}

export async function applyRegisterIncoming(tx: Tx, user: AuthUser, args: RegisterIncomingArgs): Promise<void> {
  if (!mayRegisterIncoming(user)) {
    throw new AppError('FORBIDDEN', 'Chỉ văn thư hoặc quản trị hệ thống được vào sổ văn bản đến. Vui lòng chuyển cho văn thư.');
  }
  // A re-push of the same document (e.g. from a rebuilt outbox) must not create a second entry.
  const [existing] = await tx
    .select({ id: incomingDocuments.id })
    .from(incomingDocuments)
    .where(eq(incomingDocuments.id, args.documentId));
  if (existing) return;

  const secret = isSecret(args.secrecy);
  if (secret && args.files.length > 0) throw new AppError('SECRET_FILE_FORBIDDEN');
  if (!secret && args.files.length === 0) throw new AppError('FILE_REQUIRED');

  if (args.files.length > 0) {
    await requireUploadedBlobs(tx, args.files, 'vào sổ lại');
    const taken = await tx
      .select({ id: documentFiles.id })
      .from(documentFiles)
      .where(inArray(documentFiles.id, args.files.map((f) => f.fileId)));
    if (taken.length > 0) throw new AppError('CONFLICT', 'Tệp đính kèm đã thuộc văn bản khác. Vui lòng đính kèm lại tệp.');
  }

  const kind: RegisterKind = secret ? 'incomingSecret' : 'incoming';
  const { registerId, number } = await allocateNumber(tx, kind, args.year);
  await tx.insert(incomingDocuments).values({
    id: args.documentId,
    registerId,
    year: args.year,
    arrivalNumber: number,
    arrivalDate: args.arrivalDate,
    issuer: args.issuer,
    number: args.number,
    notation: args.notation,
    documentDate: args.documentDate,
    docType: args.docType,
    subject: args.subject,
    urgency: args.urgency,
    secrecy: args.secrecy,
    dueDate: args.dueDate,
    pageCount: args.pageCount,
    recipients: args.recipients,
    note: args.note,
    status: 'registered',
    createdBy: user.id,
    provisionalNumber: args.provisionalNumber,
  });
  if (args.files.length > 0) {
    await tx.insert(documentFiles).values(
      args.files.map((f) => ({
        id: f.fileId,
        documentId: args.documentId,
        sha256: f.sha256,
        name: f.name,
        size: f.size,
        mime: f.mime,
        role: f.role,
        pageCount: f.pageCount,
      })),
    );
  }
}
