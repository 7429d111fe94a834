/**
 * Helpers for văn bản đi tests against the real server over HTTP: mutation envelopes with per-session ids, a draft
 * taken through review and signature, pulled rows by entity.
 */
import { randomBytes } from 'node:crypto';
import type { OutgoingMutationName } from '../../src-shared/sync/mutations-outgoing';
import { api, pullAll, sha256, uploadBlob, type Session } from './server-process';

export type OutgoingSession = Session & { nextId: number };

export function withIds(s: Session): OutgoingSession {
  return Object.assign(s, { nextId: 1 });
}

/** Pushes one mutation; returns its result (applied or rejected with the reason). */
export async function act(s: OutgoingSession, name: OutgoingMutationName, args: unknown) {
  const id = s.nextId++;
  const res = await api<{ results: { id: number; status: string; error?: { code: string; message: string } }[] }>(
    s, 'POST', '/api/sync/push', { clientId: s.clientId, mutations: [{ id, name, args, clientTime: new Date().toISOString() }] },
  );
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
  const r = res.body.results[0]!;
  return { status: r.status, code: r.error?.code ?? null, message: r.error?.message ?? null };
}

export async function uploadPdf(s: Session, label = 'du-thao'): Promise<{ sha256: string; name: string; size: number; mime: string; pageCount: number }> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n% '), randomBytes(2000)]);
  await uploadBlob(s, bytes);
  return { sha256: sha256(bytes), name: `${label}.pdf`, size: bytes.length, mime: 'application/pdf', pageCount: 1 };
}

export const uuid = () => crypto.randomUUID();

export function metadata(subject = 'Kế hoạch tổ chức hội nghị tổng kết năm') {
  return {
    docType: 'KH', subject, urgency: 'normal', secrecy: 'none', notation: 'KH-SNV', recipientsText: 'Như trên; Lưu: VT, TCCB.',
    dueDate: null, language: 'vi', pageAmount: 1, description: '', issuedAmount: 3,
  };
}

export async function rowsOf(s: Session, entity: string) {
  const { changes } = await pullAll(s);
  const latest = new Map<string, Record<string, unknown>>();
  for (const c of changes) if (c.entity === entity && c.data) latest.set(c.id, c.data);
  return [...latest.values()];
}

/** A draft created by `staff`, approved by the unit head and the clerk, signed by `leader`: ready for issuance. */
export async function signedDraft(
  p: { staff: OutgoingSession; unitHead: OutgoingSession; clerk: OutgoingSession; leader: OutgoingSession },
  subject?: string,
): Promise<string> {
  const draftId = uuid();
  const pdf = await uploadPdf(p.staff);
  const ok = (r: { status: string; message: string | null }) => {
    if (r.status !== 'applied') throw new Error(`refused: ${r.message}`);
  };
  ok(await act(p.staff, 'outgoing.createDraft', { draftId, versionId: uuid(), stepId: uuid(), metadata: metadata(subject), pdf, docx: null, attachments: [], note: '' }));
  ok(await act(p.staff, 'outgoing.submit', { draftId, stepId: uuid(), signerId: p.leader.user.id, comment: '' }));
  ok(await act(p.unitHead, 'outgoing.decide', { draftId, stepId: uuid(), stage: 'content', decision: 'approve', comment: '' }));
  ok(await act(p.clerk, 'outgoing.decide', { draftId, stepId: uuid(), stage: 'format', decision: 'approve', comment: '' }));
  const signedPdf = await uploadPdf(p.leader, 'da-ky');
  ok(await act(p.leader, 'outgoing.sign', { draftId, stepId: uuid(), versionId: uuid(), signedPdf, comment: '' }));
  return draftId;
}

export function issueArgs(draftId: string, year: number, extra: Record<string, unknown> = {}) {
  return {
    draftId, stepId: uuid(), year, issuedDate: `${year}-03-05`, signerName: '', signerPosition: '', recipients: [], note: '',
    provisionalNumber: null, replacesId: null, ...extra,
  };
}
