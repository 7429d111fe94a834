/**
 * The PDF operations of issuance (issue 7) through the contract, on a real core with SoftHSM2 tokens of the
 * leader and of the organization, on drafts from several writers:
 * - the leader's approval, then the clerk's seal that writes the number/symbol and the issue date into the
 *   blanks the draft left (ND30 format), both signatures valid for pdfsig afterwards;
 * - the attachment-file signature (number/symbol and ISO 8601 time at the top right);
 * - electronic copies SAO Y / SAO LỤC / TRÍCH SAO of any PDF, including one that is already signed;
 * every result checked with pdfsig, qpdf --check and pdftotext.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignFileResult, SignFilesInput } from '../../src-shared/contract/methods';
import { b64, startOfflineCore, type OfflineCore } from '../../src-main/core/testing/offline-core';
import { DRAFT_SYMBOL, draftsFromSeveralProducers, firstPageText } from '../helpers/signing-drafts';
import { cacheFile, readCached } from '../helpers/signing-core';
import { createSigningTestEnv, LEADER_PIN, ORG_PIN, type SigningTestEnv } from '../helpers/signing-env';
import {
  pdfkitDocument,
  pdfLibDocument,
  pdfsig,
  qpdfCheck,
  qpdfLinearized,
  sealImage,
  signatureImage,
  signWithSignpdf,
  textInRegion,
} from '../helpers/signing-fixtures';
import { P12_PASSPHRASE } from '../helpers/pki';

let env: SigningTestEnv;
let core: OfflineCore;
const certs: Record<'leader' | 'organization', string> = { leader: '', organization: '' };

type SignOptions = Omit<SignFilesInput, 'files' | 'certificateId' | 'pin'>;

async function signAs(who: 'leader' | 'organization', name: string, pdf: Uint8Array, options: SignOptions): Promise<SignFileResult> {
  const { results } = await core.client.call('signing.signFiles', {
    files: [{ sha256: cacheFile(core, name, pdf), name }],
    certificateId: certs[who],
    pin: who === 'leader' ? LEADER_PIN : ORG_PIN,
    ...options,
  });
  return results[0]!;
}

async function signedBytes(r: SignFileResult): Promise<Uint8Array> {
  if (!r.ok) throw new Error(`not signed: ${r.error?.message}`);
  return readCached(core, r.signed!.sha256);
}

beforeAll(async () => {
  env = createSigningTestEnv();
  core = await startOfflineCore('clerk', {
    coreOptions: { signing: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenClient: { env: env.hsm.env } }, trustAnchorsPem: [env.pki.caPem] },
  });
  const { certificates } = await core.client.call('signing.listTokens', {});
  certs.leader = certificates.find((c) => c.tokenLabel === 'LANH DAO')!.id;
  certs.organization = certificates.find((c) => c.tokenLabel === 'CO QUAN')!.id;
}, 120_000);

afterAll(async () => {
  await core?.close();
  await env?.dispose();
});

describe('issuance: number and date written in with the seal, after the leader signed', () => {
  it('fills in the blanks of drafts from several writers and both signatures stay valid', async () => {
    const drafts = await draftsFromSeveralProducers(env.pki.dir);
    expect(drafts.length).toBeGreaterThanOrEqual(3);
    for (const { producer, pdf } of drafts) {
      const approved = await signedBytes(
        await signAs('leader', 'du-thao.pdf', pdf, { appearance: 'approval', imageBase64: b64(signatureImage()) }),
      );
      const issued = await signAs('organization', 'du-thao.ky-so.pdf', approved, {
        appearance: 'seal',
        imageBase64: b64(sealImage()),
        fillIn: { numberAndSymbol: `07/${DRAFT_SYMBOL}`, issueDate: '2026-01-05', place: 'Thử Nghiệm' },
        reason: 'Phát hành văn bản',
      });
      expect(issued, producer).toMatchObject({ ok: true, error: null });
      const bytes = await signedBytes(issued);
      const text = firstPageText(bytes, env.pki.dir);
      expect(text, producer).toMatch(new RegExp(`Số:\\s*07\\s*/${DRAFT_SYMBOL}`));
      expect(text, producer).toMatch(/ngày\s+05\s+tháng\s+01\s+năm\s+2026/);
      expect(firstPageText(approved, env.pki.dir), producer).not.toMatch(/\b07\b/);
      const report = pdfsig(bytes, env.nssDir, env.pki.dir);
      expect(report.map((s) => [s.signer, s.signatureValid, s.certificateTrusted]), producer).toEqual([
        ['Nguyễn Văn Đức', true, true],
        ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true],
      ]);
      expect(issued.signed!.signatures.map((s) => [s.valid, s.modifiedAfterSigning]), producer).toEqual([
        [true, false],
        [true, false],
      ]);
      expect(qpdfCheck(bytes, env.pki.dir).status, producer).toBe(0);
    }
  });

  it('refuses to guess where the number goes on a file without a "Số:" line, and says what to do', async () => {
    const approved = await signedBytes(await signAs('leader', 'khong-so.pdf', await pdfkitDocument(), { appearance: 'approval' }));
    const r = await signAs('organization', 'khong-so.ky-so.pdf', approved, {
      appearance: 'seal',
      imageBase64: b64(sealImage()),
      fillIn: { numberAndSymbol: '08/QĐ-UBND', issueDate: '2026-01-05' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Không tìm thấy dòng "Số:"') } });
  });
});

describe('attachment files and electronic copies (organization token, top right of the first page)', () => {
  const producers = async () => ({
    'pdf-lib': await pdfLibDocument(),
    PDFKit: await pdfkitDocument(),
    'qpdf, linearized': qpdfLinearized(await pdfLibDocument(2), env.pki.dir, 'lin'),
    '@signpdf (already signed)': await signWithSignpdf(await pdfLibDocument(), env.pki.otherSigner.p12, P12_PASSPHRASE),
  });
  const topRight = (pdf: Uint8Array) =>
    textInRegion(pdf, env.pki.dir, { x: 350, y: 0, width: 245, height: 75 })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const isoVn = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/;
  /** qpdf finds no error; an input that already had warnings (@signpdf writes a stray blank before xref) gets no new ones. */
  const expectQpdfAsClean = (out: Uint8Array, input: Uint8Array, label: string) => {
    const before = qpdfCheck(input, env.pki.dir);
    const after = qpdfCheck(out, env.pki.dir);
    expect(after.status === 0 || (after.status === 3 && before.status === 3), label).toBe(true);
    expect(after.warnings, label).toEqual(before.warnings);
  };

  it('signs attachment files with number/symbol and the ISO 8601 time', async () => {
    for (const [producer, pdf] of Object.entries(await producers())) {
      const r = await signAs('organization', 'phu-luc.pdf', pdf, { appearance: 'attachmentStamp', numberAndSymbol: '07/QĐ-UBND' });
      const bytes = await signedBytes(r);
      const lines = topRight(bytes);
      expect(lines[0], producer).toBe('07/QĐ-UBND');
      expect(lines[1], producer).toMatch(isoVn);
      const report = pdfsig(bytes, env.nssDir, env.pki.dir);
      expect(report.at(-1), producer).toMatchObject({ signer: 'Ủy ban nhân dân tỉnh Thử Nghiệm', signatureValid: true, certificateTrusted: true });
      expect(report.every((s) => s.signatureValid), producer).toBe(true);
      expectQpdfAsClean(bytes, pdf, producer);
    }
  });

  it('makes SAO Y, SAO LỤC and TRÍCH SAO copies of any PDF, keeping an earlier signature valid', async () => {
    const inputs = Object.entries(await producers());
    for (const [i, copyForm] of ['SAO Y', 'SAO LỤC', 'TRÍCH SAO'].entries()) {
      for (const [producer, pdf] of inputs) {
        const r = await signAs('organization', `ban-sao-${i}.pdf`, pdf, {
          appearance: 'copyStamp',
          copyForm,
          copyingOrganization: 'Sở Thử Nghiệm',
          reason: `Bản ${copyForm.toLowerCase()}`,
        });
        const bytes = await signedBytes(r);
        const lines = topRight(bytes);
        expect(lines.slice(0, 2), `${copyForm} / ${producer}`).toEqual([copyForm, 'Sở Thử Nghiệm']);
        expect(lines[2], `${copyForm} / ${producer}`).toMatch(isoVn);
        const report = pdfsig(bytes, env.nssDir, env.pki.dir);
        expect(report.every((s) => s.signatureValid), `${copyForm} / ${producer}`).toBe(true);
        expect(report.length, `${copyForm} / ${producer}`).toBe(producer.startsWith('@signpdf') ? 2 : 1);
        expectQpdfAsClean(bytes, pdf, `${copyForm} / ${producer}`);
      }
    }
  });
});
