/**
 * Văn bản đến: registration (optimistic, queued for the server) and the list/detail read side.
 * Registration writes the overlay row, the outbox entry and the blob queue in ONE SQLite transaction.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import {
  registerIncomingInputSchema,
  type IncomingDetail,
  type IncomingListItem,
} from '../../../src-shared/contract/methods';
import { registerYearOf, todayInVietnam } from '../../../src-shared/domain/dates';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import { isSecret, type Secrecy } from '../../../src-shared/domain/enums';
import type { User } from '../../../src-shared/domain/entities';
import { parseMutationArgs, type MutationFile } from '../../../src-shared/sync/mutations';
import { filesOfIncoming, findDuplicates, getIncomingItem, incomingSearchText, listIncoming, type IncomingQuery } from '../db/incoming.repo';

export type IncomingDeps = {
  sqlite: Database.Database;
  requireUser: () => User;
  /** Local data changed (UI refetches) and a mutation waits: the sync engine should run now. */
  onQueued: () => void;
  now?: () => Date;
};

const REGISTERING_ROLES = new Set(['clerk', 'admin']);

export type IncomingService = ReturnType<typeof createIncomingService>;

export function createIncomingService(deps: IncomingDeps) {
  const { sqlite } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * Provisional số đến: one more than the highest number known here for that register-year, confirmed or pending.
   * The server allocates the real one; this is only what the clerk sees until the sync confirms it.
   */
  function provisionalNumber(year: number, secrecy: Secrecy): number {
    const secret = isSecret(secrecy) ? 1 : 0;
    const kind = secret ? 'incomingSecret' : 'incoming';
    const fromRegister = sqlite
      .prepare('SELECT coalesce(max(last_number), 0) FROM registers WHERE kind = ? AND year = ?')
      .pluck()
      .get(kind, year) as number;
    const confirmed = sqlite
      .prepare("SELECT coalesce(max(arrival_number), 0) FROM incoming_documents WHERE year = ? AND (secrecy <> 'none') = ?")
      .pluck()
      .get(year, secret) as number;
    const pending = sqlite
      .prepare(
        `SELECT coalesce(max(p.provisional_number), 0) FROM pending_incoming p LEFT JOIN outbox o ON o.id = p.outbox_id
         WHERE p.year = ? AND (p.secrecy <> 'none') = ? AND coalesce(o.status, 'pending') = 'pending'
           AND p.id NOT IN (SELECT id FROM incoming_documents)`,
      )
      .pluck()
      .get(year, secret) as number;
    return Math.max(fromRegister, confirmed, pending) + 1;
  }

  function stagedFile(sha256: string): { size: number; mime: string; pageCount: number | null } {
    const row = sqlite.prepare('SELECT size, mime, page_count FROM local_blobs WHERE sha256 = ?').get(sha256) as
      | { size: number; mime: string; page_count: number | null }
      | undefined;
    if (!row) {
      throw new AppError('FILE_INVALID', 'Tệp đính kèm chưa được nạp vào máy (có thể đã bị xóa). Vui lòng chọn lại tệp.');
    }
    return { size: row.size, mime: row.mime, pageCount: row.page_count };
  }

  return {
    registerIncoming(params: unknown): { id: string; arrivalNumber: number; provisional: true } {
      const user = deps.requireUser();
      if (!REGISTERING_ROLES.has(user.role)) {
        throw new AppError('FORBIDDEN', 'Chỉ văn thư hoặc quản trị được vào sổ văn bản đến.');
      }
      const input = registerIncomingInputSchema.parse(params);
      if (isSecret(input.secrecy) && input.files.length > 0) throw new AppError('SECRET_FILE_FORBIDDEN');
      if (!isSecret(input.secrecy) && input.files.length === 0) throw new AppError('FILE_REQUIRED');
      const year = registerYearOf(now());
      if (!input.acknowledgeDuplicate) {
        const dups = findDuplicates(sqlite, {
          issuer: input.issuer, number: input.number, notation: input.notation, year: Number(input.documentDate.slice(0, 4)),
        });
        if (dups.length > 0) {
          const first = dups[0]!;
          const where = first.arrivalNumber ? ` (số đến ${first.arrivalNumber}${first.provisional ? ', tạm' : ''})` : '';
          throw new AppError(
            'DUPLICATE_DOCUMENT',
            `Văn bản ${formatNumberNotation(input.number, input.notation)} của ${input.issuer} đã được vào sổ${where}. ` +
              'Kiểm tra lại; nếu đúng là văn bản khác, chọn "Vẫn vào sổ".',
            { duplicates: dups.map((d) => d.id) },
          );
        }
      }
      const files: MutationFile[] = input.files.map((f) => ({
        fileId: randomUUID(), sha256: f.sha256, name: f.name, role: f.role, ...stagedFile(f.sha256),
      }));
      const mainPages = files.filter((f) => f.role === 'main' && f.pageCount !== null);
      const pageCount = mainPages.length ? mainPages.reduce((s, f) => s + (f.pageCount ?? 0), 0) : null;
      const documentId = randomUUID();
      const createdAt = now().toISOString();

      // This transaction is the whole point: overlay row, outbox entry and file queue commit together or not at all.
      const result = sqlite.transaction(() => {
        const provisional = provisionalNumber(year, input.secrecy);
        const mutationId = sqlite.prepare('SELECT next_mutation_id FROM sync_state WHERE id = 1').pluck().get() as number;
        sqlite.prepare('UPDATE sync_state SET next_mutation_id = ? WHERE id = 1').run(mutationId + 1);
        const args = parseMutationArgs('incoming.register', {
          documentId, year, arrivalDate: todayInVietnam(now()), issuer: input.issuer, number: input.number,
          notation: input.notation, documentDate: input.documentDate, docType: input.docType, subject: input.subject,
          urgency: input.urgency, secrecy: input.secrecy, dueDate: input.dueDate, pageCount,
          recipients: input.recipients, note: input.note, provisionalNumber: provisional, files,
        });
        sqlite
          .prepare("INSERT INTO outbox (id, name, args, status, user_id, created_at) VALUES (?, 'incoming.register', ?, 'pending', ?, ?)")
          .run(mutationId, JSON.stringify(args), user.id, createdAt);
        const register = sqlite
          .prepare('SELECT id FROM registers WHERE kind = ? AND year = ?')
          .pluck()
          .get(isSecret(input.secrecy) ? 'incomingSecret' : 'incoming', year) as string | undefined;
        sqlite
          .prepare(
            `INSERT INTO pending_incoming (id, outbox_id, register_id, year, provisional_number, arrival_date, issuer, number,
               notation, document_date, doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, files,
               search_text, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            documentId, mutationId, register ?? null, year, provisional, args.arrivalDate, args.issuer, args.number,
            args.notation, args.documentDate, args.docType, args.subject, args.urgency, args.secrecy, args.dueDate,
            args.pageCount, args.recipients, args.note, JSON.stringify(files), incomingSearchText(args), user.id, createdAt,
          );
        const queue = sqlite.prepare('INSERT OR IGNORE INTO blob_queue (sha256, size, created_at, next_attempt_at) VALUES (?, ?, ?, ?)');
        for (const f of files) queue.run(f.sha256, f.size, createdAt, createdAt);
        return { id: documentId, arrivalNumber: provisional, provisional: true as const };
      })();
      deps.onQueued();
      return result;
    },

    list(q: IncomingQuery) {
      deps.requireUser();
      return listIncoming(sqlite, q);
    },

    get(id: string): IncomingDetail {
      deps.requireUser();
      const item = getIncomingItem(sqlite, id);
      if (!item) throw new AppError('NOT_FOUND');
      const change = sqlite
        .prepare(
          `SELECT provisional_number AS provisionalNumber, confirmed_number AS confirmedNumber, changed_at AS changedAt
           FROM arrival_number_changes WHERE document_id = ?`,
        )
        .get(id) as { provisionalNumber: number; confirmedNumber: number; changedAt: string } | undefined;
      return { ...item, files: filesOfIncoming(sqlite, id), ...(change ? { numberChange: change } : {}) };
    },

    checkDuplicate(d: { issuer: string; number: string | null; notation: string; year: number }): IncomingListItem[] {
      deps.requireUser();
      return findDuplicates(sqlite, d);
    },
  };
}
