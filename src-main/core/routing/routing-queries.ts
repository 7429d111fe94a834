/**
 * Read side of document routing (issue 6): the leader's inbox, "văn bản cần xử lý" by role, and a document's routing
 * detail with its full history. Everything comes from the replica plus the pending overlay, so it works offline.
 */
import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentRouting, InboxItem } from '../../../src-shared/contract/methods-routing';
import type { AssignmentRole } from '../../../src-shared/domain/routing';
import type { ViewContext } from './routing-views';
import { assignmentView, documentSummary, extensionView, historyOf, isMine, opinionsOf } from './routing-views';

function latestDirective(v: ViewContext, documentId: string): string | null {
  const list = [...v.model.directives.values()].filter((d) => d.documentId === documentId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return list.at(-1)?.text ?? null;
}

export function leaderInbox(v: ViewContext, includeAssigned: boolean): InboxItem[] {
  if (v.user.role !== 'leader' && v.user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Hộp văn bản trình chỉ dành cho lãnh đạo cơ quan.');
  }
  const wanted = new Set(includeAssigned ? ['submitted', 'assigned', 'inProgress'] : ['submitted']);
  const items: InboxItem[] = [];
  for (const [id, st] of v.model.documentStatus) {
    if (!wanted.has(st.status)) continue;
    const document = documentSummary(v, id);
    if (!document) continue;
    const submitted = [...v.model.events.values()].filter((e) => e.documentId === id && e.kind === 'submitted').sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    items.push({ document, assignment: null, directive: latestDirective(v, id), submittedAt: submitted?.createdAt ?? null, syncState: st.syncState, rejectReason: st.rejectReason });
  }
  // Most urgent first, then by arrival.
  const rank = { flash: 0, veryUrgent: 1, urgent: 2, normal: 3 } as const;
  return items.sort((a, b) => rank[a.document.urgency] - rank[b.document.urgency] || a.document.arrivalDate.localeCompare(b.document.arrivalDate));
}

export function myDocuments(v: ViewContext, role: AssignmentRole | undefined, state: 'open' | 'done' | 'all'): InboxItem[] {
  const items: InboxItem[] = [];
  for (const a of v.model.assignments.values()) {
    if (!a.documentId || !isMine(v.user, a) || a.status === 'revoked') continue;
    if (role && a.role !== role) continue;
    if (state === 'open' && a.status !== 'open') continue;
    if (state === 'done' && a.status === 'open') continue;
    const document = documentSummary(v, a.documentId);
    if (!document) continue;
    items.push({ document, assignment: assignmentView(v, a), directive: latestDirective(v, a.documentId), submittedAt: null, syncState: a.syncState, rejectReason: a.rejectReason });
  }
  // Overdue first, then the nearest deadline, then the rest.
  return items.sort((x, y) => {
    const dx = x.assignment?.dueDate ?? '9999-12-31';
    const dy = y.assignment?.dueDate ?? '9999-12-31';
    return dx.localeCompare(dy) || x.document.arrivalDate.localeCompare(y.document.arrivalDate);
  });
}

export function documentRouting(v: ViewContext, documentId: string): DocumentRouting {
  const document = documentSummary(v, documentId);
  if (!document) throw new AppError('NOT_FOUND');
  const ofDoc = (x: { documentId: string | null }) => x.documentId === documentId;
  const assignments = [...v.model.assignments.values()].filter(ofDoc).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const u = v.user;
  const reassign = assignments
    .filter((a) => a.status === 'open' && (u.role === 'leader' || (u.role === 'unitHead' && (isMine(u, a) || unitOf(v, a.assigneeUserId) === u.unitId))))
    .map((a) => a.id);
  const fileIds = new Set([...v.model.workFileDocuments.values()].filter(ofDoc).map((d) => d.workFileId));
  return {
    document,
    assignments: assignments.map((a) => assignmentView(v, a)),
    directives: [...v.model.directives.values()].filter(ofDoc).map((d) => ({ id: d.id, text: d.text, authorName: v.name(d.authorId), createdAt: d.createdAt, syncState: d.syncState, rejectReason: d.rejectReason })),
    history: historyOf(v, ofDoc),
    opinions: opinionsOf(v, ofDoc),
    extensionRequests: [...v.model.extensions.values()].filter(ofDoc).map((x) => extensionView(v, x)),
    workFiles: [...v.model.workFiles.values()].filter((w) => fileIds.has(w.id)).map((w) => ({ id: w.id, code: w.code, title: w.title })),
    can: {
      submit: (u.role === 'clerk' || u.role === 'admin') && document.status === 'registered',
      assign: u.role === 'leader' && !assignments.some((a) => a.role === 'primary' && a.status !== 'revoked' && a.status !== 'returned') && document.status !== 'done',
      reassign,
      handle: assignments.filter((a) => a.status === 'open' && isMine(u, a)).map((a) => a.id),
    },
  };
}

function unitOf(v: ViewContext, userId: string | null): string | null {
  if (!userId) return null;
  return (v.sqlite.prepare('SELECT unit_id FROM users WHERE id = ?').pluck().get(userId) as string | null | undefined) ?? null;
}
