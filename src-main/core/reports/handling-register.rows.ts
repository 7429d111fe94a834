/**
 * Rows of the sổ theo dõi giải quyết văn bản đến for an arrival-date range, from the confirmed replica: each incoming
 * document with who handles it (primary first, then coordinators), the primary handler's deadline, the progress as a
 * clerk writes it in the register, the reply's number and symbol, and the notes (extensions, returns).
 */
import type Database from 'better-sqlite3';
import { formatDateVi, todayInVietnam } from '../../../src-shared/domain/dates';
import { docTypeByCode } from '../../../src-shared/domain/doc-types';
import { formatNumberNotation } from '../../../src-shared/domain/notation';
import type { Assignment, ExtensionRequest } from '../../../src-shared/domain/routing';
import type { WorkingCalendar } from '../../../src-shared/domain/working-days';
import type { HandlingRegisterRow } from './handling-register.pdf';

export type Names = { user(id: string): string; unit(id: string): string };

export function directoryNames(sqlite: Database.Database): Names {
  const users = new Map((sqlite.prepare('SELECT id, full_name AS name FROM users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]));
  const units = new Map((sqlite.prepare('SELECT id, name FROM units').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]));
  return { user: (id) => users.get(id) ?? 'Cán bộ', unit: (id) => units.get(id) ?? 'Đơn vị' };
}

export function assigneeName(a: Pick<Assignment, 'assigneeUserId' | 'assigneeUnitId'>, names: Names): string {
  return a.assigneeUserId ? names.user(a.assigneeUserId) : a.assigneeUnitId ? names.unit(a.assigneeUnitId) : '';
}

/** The assignment that carries the result: a unit head's forwarded one hands it to its child. */
function effectivePrimary(list: Assignment[]): Assignment | undefined {
  const primaries = list.filter((a) => a.role === 'primary' && a.status !== 'revoked');
  return primaries.find((a) => a.status !== 'forwarded' && a.parentId !== null) ?? primaries.find((a) => a.status !== 'forwarded') ?? primaries[0];
}

function progressText(a: Assignment | undefined, cal: WorkingCalendar, today: string): string {
  if (!a) return 'Chưa phân công';
  const doneOn = a.completedAt ? todayInVietnam(new Date(a.completedAt)) : null;
  if (a.status === 'done' && doneOn) {
    const when = a.dueDate ? (doneOn <= a.dueDate ? ' (đúng hạn)' : ' (trễ hạn)') : '';
    return `Hoàn thành ${formatDateVi(doneOn)}${when}${a.resultNote ? `: ${a.resultNote}` : ''}`;
  }
  if (a.status === 'returned') return `Trả lại: ${a.resultNote}`;
  if (!a.dueDate) return 'Đang xử lý';
  const left = cal.workingDaysBetween(today, a.dueDate);
  if (a.dueDate < today) return `Đang xử lý — quá hạn ${Math.abs(left)} ngày làm việc`;
  return left === 0 ? 'Đang xử lý — hạn hôm nay' : `Đang xử lý — còn ${left} ngày làm việc`;
}

export function handlingRegisterRows(
  sqlite: Database.Database,
  q: { from: string; to: string },
  cal: WorkingCalendar,
  today: string,
): HandlingRegisterRow[] {
  const names = directoryNames(sqlite);
  const docs = sqlite
    .prepare(
      `SELECT id, arrival_number AS n, issuer, number, notation, document_date, doc_type, subject, note, due_date
         FROM incoming_documents WHERE arrival_date BETWEEN ? AND ? AND status <> 'cancelled'
        ORDER BY year, arrival_number`,
    )
    .all(q.from, q.to) as {
      id: string; n: number; issuer: string; number: string | null; notation: string; document_date: string; doc_type: string;
      subject: string; note: string; due_date: string | null;
    }[];
  const assignmentsOf = sqlite.prepare('SELECT data FROM assignments WHERE document_id = ?');
  const extensionsOf = sqlite.prepare('SELECT data FROM extension_requests WHERE document_id = ?');
  return docs.map((d) => {
    const list = (assignmentsOf.all(d.id) as { data: string }[]).map((r) => JSON.parse(r.data) as Assignment);
    const primary = effectivePrimary(list);
    const coordinators = list.filter((a) => a.role === 'coordinator' && a.status !== 'revoked').map((a) => assigneeName(a, names));
    const extensions = (extensionsOf.all(d.id) as { data: string }[])
      .map((r) => JSON.parse(r.data) as ExtensionRequest)
      .filter((e) => e.status === 'approved')
      .map((e) => `Gia hạn đến ${formatDateVi(e.requestedDueDate)}`);
    const typeName = docTypeByCode(d.doc_type)?.name ?? 'Văn bản';
    const notation = formatNumberNotation(d.number, d.notation);
    return [
      String(d.n),
      `${typeName}${notation ? ` số ${notation}` : ''} ngày ${formatDateVi(d.document_date)} của ${d.issuer}: ${d.subject}`,
      primary ? `${assigneeName(primary, names)} (xử lý chính)${coordinators.length ? `; phối hợp: ${coordinators.join(', ')}` : ''}` : '',
      primary?.dueDate ? formatDateVi(primary.dueDate) : d.due_date ? formatDateVi(d.due_date) : '',
      progressText(primary, cal, today),
      primary?.replyNotation ?? '',
      [...extensions, d.note].filter(Boolean).join('; '),
    ];
  });
}
