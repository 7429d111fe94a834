/** Maps the draft form and staged files to the contract's input; pure so the mapping is easy to read and test. */
import type { Params } from '../../src-shared/contract';
import { docTypeByCode, type DocTypeCode, type OutgoingMetadata, type Secrecy, type Urgency } from '../../src-shared/domain';
import type { FileEntry } from '../components/FileDropZone';

export type DraftFormValues = {
  subject: string;
  docType: DocTypeCode;
  notation: string;
  signerId?: string;
  urgency: Urgency;
  secrecy: Secrecy;
  issuedAmount: number;
  recipientsText?: string;
  description?: string;
  /** Note of this version (what changed). */
  note?: string;
};

type StagedRef = { sha256: string; name: string };
export type DraftFiles = { pdf: StagedRef | null; docx: StagedRef | null; attachments: StagedRef[] };

export function isDocxName(name: string): boolean {
  return /\.docx$/i.test(name);
}

/**
 * Symbol proposed for a new draft (ND30): type abbreviation + issuing body (`QĐ-SNV`); a công văn (no abbreviation)
 * takes the issuing body + the drafting unit (`SNV-VP`).
 */
export function defaultNotation(docType: DocTypeCode, orgAbbr: string, unitCode: string | null): string {
  const abbr = docTypeByCode(docType)?.abbr ?? null;
  if (abbr) return `${abbr}-${orgAbbr}`;
  return unitCode ? `${orgAbbr}-${unitCode}` : orgAbbr;
}

/** The main PDF, the DOCX kept alongside, and the appendix PDFs, from the files the drafter staged. */
export function draftFilesOf(files: FileEntry[]): DraftFiles {
  const ready = files.filter((f) => f.status === 'ready' && f.staged);
  const ref = (f: FileEntry): StagedRef => ({ sha256: f.staged!.sha256, name: f.name });
  const docx = ready.find((f) => isDocxName(f.name));
  const pdfs = ready.filter((f) => !isDocxName(f.name));
  // A DOCX dropped first took the 'main' role in the drop zone: the first PDF is then the main text.
  const main = pdfs.find((f) => f.role === 'main') ?? pdfs[0] ?? null;
  return {
    pdf: main ? ref(main) : null,
    docx: docx ? ref(docx) : null,
    attachments: pdfs.filter((f) => f !== main).map(ref),
  };
}

export function toMetadata(v: DraftFormValues, pageAmount: number | null): OutgoingMetadata {
  return {
    docType: v.docType,
    subject: v.subject.trim(),
    urgency: v.urgency,
    secrecy: v.secrecy,
    notation: v.notation.trim(),
    recipientsText: (v.recipientsText ?? '').trim(),
    dueDate: null,
    language: 'vi',
    pageAmount,
    description: (v.description ?? '').trim(),
    issuedAmount: v.issuedAmount,
  };
}

export function toCreateDraftInput(v: DraftFormValues, files: DraftFiles, pageAmount: number | null): Params<'outgoing.createDraft'> {
  if (!files.pdf) throw new Error('Dự thảo cần tệp PDF văn bản chính.');
  return { metadata: toMetadata(v, pageAmount), pdf: files.pdf, docx: files.docx, attachments: files.attachments, note: (v.note ?? '').trim() };
}
