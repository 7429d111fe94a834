import { describe, expect, it } from 'vitest';
import { METHODS } from '../../src-shared/contract';
import type { FileEntry } from '../components/FileDropZone';
import { defaultNotation, draftFilesOf, toCreateDraftInput, type DraftFormValues } from './outgoing-form';

const sha = (c: string) => c.repeat(64);
const ready = (name: string, role: FileEntry['role'], c: string, mime = 'application/pdf'): FileEntry => ({
  key: name,
  name,
  size: 10,
  role,
  status: 'ready',
  staged: { sha256: sha(c), name, size: 10, mime, pageCount: mime === 'application/pdf' ? 2 : null },
});
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('draft form mapping', () => {
  it('proposes the ND30 symbol: type + issuing body, or issuing body + unit for a công văn', () => {
    expect(defaultNotation('QD', 'SNV', 'VP')).toBe('QĐ-SNV');
    expect(defaultNotation('CV', 'SNV', 'VP')).toBe('SNV-VP');
    expect(defaultNotation('CV', 'SNV', null)).toBe('SNV');
  });

  it('keeps the DOCX alongside and takes the first PDF as the main text even when the DOCX came first', () => {
    const files = draftFilesOf([
      ready('du-thao.docx', 'main', 'a', DOCX),
      ready('du-thao.pdf', 'appendix', 'b'),
      ready('phu-luc.pdf', 'appendix', 'c'),
      { key: 'x', name: 'dang-doc.pdf', size: 1, role: 'appendix', status: 'staging' },
    ]);
    expect(files.pdf).toEqual({ sha256: sha('b'), name: 'du-thao.pdf' });
    expect(files.docx).toEqual({ sha256: sha('a'), name: 'du-thao.docx' });
    expect(files.attachments).toEqual([{ sha256: sha('c'), name: 'phu-luc.pdf' }]);
  });

  it('builds input the contract accepts, with trimmed text and the page count', () => {
    const values: DraftFormValues = {
      subject: '  Kế hoạch chuyển đổi số năm 2027  ',
      docType: 'KH',
      notation: ' KH-SNV ',
      urgency: 'urgent',
      secrecy: 'none',
      issuedAmount: 3,
      recipientsText: '- UBND các huyện;',
    };
    const input = toCreateDraftInput(values, draftFilesOf([ready('kh.pdf', 'main', 'd')]), 2);
    const parsed = METHODS['outgoing.createDraft'].params.parse(input);
    expect(parsed.metadata).toMatchObject({ subject: 'Kế hoạch chuyển đổi số năm 2027', notation: 'KH-SNV', pageAmount: 2, issuedAmount: 3, urgency: 'urgent' });
    expect(parsed.docx).toBeNull();
    expect(() => toCreateDraftInput(values, draftFilesOf([]), null)).toThrow(/PDF/);
  });
});
