import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { registerIncomingInputSchema } from '../../src-shared/contract';
import type { FileEntry } from '../components/FileDropZone';
import { splitNumberNotation, toRegisterInput, type RegisterFormValues } from './register-form';

const sha = (c: string) => c.repeat(64);
const ready = (name: string, role: FileEntry['role'], c: string): FileEntry => ({
  key: name,
  name,
  size: 10,
  role,
  status: 'ready',
  staged: { sha256: sha(c), name, size: 10, mime: 'application/pdf', pageCount: 1 },
});

const values: RegisterFormValues = {
  issuer: '  Sở Xây dựng  ',
  numberNotation: '1866/SXD-VP',
  documentDate: dayjs('2026-11-20'),
  docType: 'CV',
  subject: 'V/v góp ý dự thảo ',
  urgency: 'urgent',
  secrecy: 'none',
  dueDate: dayjs('2026-11-30'),
};

describe('registration form mapping', () => {
  it('produces input the contract accepts, with the number and symbol split and only ready files', () => {
    const files = [ready('a.pdf', 'main', 'a'), { ...ready('b.pdf', 'appendix', 'b'), status: 'error' as const }, ready('c.pdf', 'appendix', 'c')];
    const input = toRegisterInput(values, files, false);
    expect(registerIncomingInputSchema.safeParse(input).success).toBe(true);
    expect(input).toMatchObject({
      issuer: 'Sở Xây dựng',
      number: '1866',
      notation: 'SXD-VP',
      documentDate: '2026-11-20',
      dueDate: '2026-11-30',
      subject: 'V/v góp ý dự thảo',
      acknowledgeDuplicate: false,
    });
    expect(input.files).toEqual([
      { sha256: sha('a'), name: 'a.pdf', role: 'main' },
      { sha256: sha('c'), name: 'c.pdf', role: 'appendix' },
    ]);
  });

  it('never sends the files of a secret document, even if some were staged before', () => {
    const input = toRegisterInput({ ...values, secrecy: 'confidential' }, [ready('a.pdf', 'main', 'a')], true);
    expect(input.files).toEqual([]);
    expect(input.acknowledgeDuplicate).toBe(true);
  });

  it('treats an empty number field as a document without number, and refuses a malformed one', () => {
    expect(splitNumberNotation('  ')).toEqual({ number: null, notation: '' });
    expect(() => splitNumberNotation('15 /QĐ-BNV')).toThrow('khoảng trắng');
  });
});
