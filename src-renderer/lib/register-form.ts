/** Turns the registration form's values into the contract's input; pure so the mapping is easy to read. */
import type { Dayjs } from 'dayjs';
import type { RegisterIncomingInput } from '../../src-shared/contract';
import { isSecret, parseNumberNotation, type DocTypeCode, type Secrecy, type Urgency } from '../../src-shared/domain';
import type { FileEntry } from '../components/FileDropZone';

export type RegisterFormValues = {
  issuer: string;
  numberNotation?: string;
  documentDate?: Dayjs;
  docType?: DocTypeCode;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueDate?: Dayjs | null;
  recipients?: string;
  note?: string;
};

/** An empty field means a document without number and symbol (some letters have none). */
export function splitNumberNotation(text: string | undefined): { number: string | null; notation: string } {
  const t = (text ?? '').trim();
  if (!t) return { number: null, notation: '' };
  const parsed = parseNumberNotation(t);
  if (!parsed.ok) throw new Error(parsed.message);
  return { number: parsed.number, notation: parsed.notation };
}

export function toRegisterInput(v: RegisterFormValues, files: FileEntry[], acknowledgeDuplicate: boolean): RegisterIncomingInput {
  const { number, notation } = splitNumberNotation(v.numberNotation);
  const secret = isSecret(v.secrecy);
  return {
    issuer: v.issuer.trim(),
    number,
    notation,
    documentDate: (v.documentDate as Dayjs).format('YYYY-MM-DD'),
    docType: v.docType as DocTypeCode,
    subject: v.subject.trim(),
    urgency: v.urgency,
    secrecy: v.secrecy,
    dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
    recipients: (v.recipients ?? '').trim(),
    note: (v.note ?? '').trim(),
    // A secret document is a metadata-only entry: its files are never sent, whatever was staged.
    files: secret
      ? []
      : files.flatMap((f) => (f.status === 'ready' && f.staged ? [{ sha256: f.staged.sha256, name: f.name, role: f.role }] : [])),
    acknowledgeDuplicate,
  };
}
