import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import {
  APPROVAL_ANCHOR,
  ghostscriptRewrite,
  hasGhostscript,
  countColouredPixels,
  DATE_ANCHOR,
  NUMBER_ANCHOR,
  corruptPdf,
  opensslVerifyAll,
  pdfLibDocument,
  pdffonts,
  pdfsig,
  qpdfCheck,
  pdfkitDocument,
  qpdfLinearized,
  qpdfObjectStreams,
  sealImage,
  signatureImage,
  signWithSignpdf,
  textInRegion,
} from '../../../tests/helpers/signing-fixtures';
import { P12_PASSPHRASE } from '../../../tests/helpers/pki';
import { approvalRectBetween } from './appearance';
import { findSignatureWidget } from './pdf-incremental';
import { verifyPdfSignatures } from './verify';
import { APPROVAL_FIELD_PREFIX, ISSUANCE_FIELD_PREFIX, createPadesService, type SignItem } from './pades.service';
import { createSigningTestEnv, LEADER_PIN, ORG_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';

let env: SigningTestEnv;
let pades: ReturnType<typeof createPadesService>;

beforeAll(() => {
  env = createSigningTestEnv();
  pades = createPadesService({ tokens: env.tokens, stampFont: env.stampFont });
});
afterAll(async () => {
  await env?.dispose();
});

const approval = (pdf: Uint8Array, documentId = 'doc'): SignItem => ({
  documentId,
  pdf,
  reason: 'Phê duyệt văn bản',
  location: 'Thành phố Hà Nội',
  role: { kind: 'approval', signatureImage: signatureImage(), pageIndex: 0, rect: approvalRectBetween(APPROVAL_ANCHOR) },
});

async function signOne(signer: SigningTestEnv['leader'], pin: string, item: SignItem): Promise<Uint8Array> {
  const { results } = await pades.signBatch({ signer, pin, items: [item] });
  const result = results[0]!;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.pdf;
}

async function signatureDicts(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf);
  const fields = doc.catalog.getAcroForm()!.dict.lookup(PDFName.of('Fields'), PDFArray).asArray();
  return fields.map((ref) => {
    const field = doc.context.lookup(ref, PDFDict);
    const sig = field.lookup(PDFName.of('V'), PDFDict);
    const text = (d: PDFDict, k: string) => d.lookupMaybe(PDFName.of(k), PDFString, PDFHexString)?.decodeText();
    return { field: text(field, 'T'), name: text(sig, 'Name'), reason: text(sig, 'Reason'), location: text(sig, 'Location') };
  });
}

describe('PAdES signing on SoftHSM2', () => {
  it("signs the leader's approval (RSA-2048) so that pdfsig trusts it and qpdf finds no error", async () => {
    const input = await pdfLibDocument();
    const signed = await signOne(env.leader, LEADER_PIN, approval(input));
    const report = pdfsig(signed, env.nssDir, env.pki.dir);
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({ signer: 'Nguyễn Văn Đức', signatureValid: true, certificateTrusted: true, totalDocumentSigned: true });
    expect(qpdfCheck(signed, env.pki.dir).status).toBe(0);
    // Incremental: the original file is a byte-for-byte prefix of the signed one.
    expect(Buffer.from(signed.subarray(0, input.length)).equals(Buffer.from(input))).toBe(true);
    const [dict] = await signatureDicts(signed);
    expect(dict).toMatchObject({ name: 'Nguyễn Văn Đức', reason: 'Phê duyệt văn bản', location: 'Thành phố Hà Nội' });
    expect(dict!.field!.startsWith(APPROVAL_FIELD_PREFIX)).toBe(true);
    // The signature image sits between the position line ("PHÓ CHỦ TỊCH") and the full name.
    const rect = (await findSignatureWidget(signed, APPROVAL_FIELD_PREFIX))!.rect;
    expect(rect.y).toBeGreaterThanOrEqual(APPROVAL_ANCHOR.nameTopY);
    expect(rect.y + rect.height).toBeLessThanOrEqual(APPROVAL_ANCHOR.positionBaselineY);
    expect(rect.x + rect.width / 2).toBeCloseTo(APPROVAL_ANCHOR.centerX, 1);
  });

  const producers: Record<string, () => Promise<Uint8Array>> = {
    'pdf-lib (classic xref)': () => pdfLibDocument(2),
    'qpdf (object streams, xref stream)': async () => qpdfObjectStreams(await pdfLibDocument(2), env.pki.dir, 'objstm'),
    'qpdf (linearized)': async () => qpdfLinearized(await pdfLibDocument(2), env.pki.dir, 'lin'),
    PDFKit: () => pdfkitDocument(),
    '@signpdf (already signed once)': async () => signWithSignpdf(await pdfLibDocument(), env.pki.otherSigner.p12, P12_PASSPHRASE),
    // Ghostscript is in scripts/ensure-system-deps.sh; LibreOffice is not installed on these machines.
    ...(hasGhostscript() ? { 'Ghostscript pdfwrite': async () => ghostscriptRewrite(await pdfLibDocument(2), env.pki.dir, 'gs') } : {}),
  };

  for (const [producer, make] of Object.entries(producers)) {
    it(`keeps every signature valid through approval, seal and copy stamp on a ${producer} file`, async () => {
      const input = await make();
      const before = pdfsig(input, env.nssDir, env.pki.dir).length;
      const one = await signOne(env.leader, LEADER_PIN, approval(input));
      const two = await signOne(env.organization, ORG_PIN, {
        documentId: 'doc',
        pdf: one,
        reason: 'Phát hành văn bản',
        role: { kind: 'issuance', sealImage: sealImage() },
      });
      const three = await signOne(env.organization, ORG_PIN, {
        documentId: 'doc',
        pdf: two,
        reason: 'Sao y bản chính',
        role: { kind: 'copy', copyForm: 'SAO Y', copyingOrganization: 'Văn phòng Ủy ban nhân dân tỉnh' },
      });

      const afterTwo = pdfsig(two, env.nssDir, env.pki.dir).slice(before);
      expect(afterTwo.map((s) => [s.signer, s.signatureValid, s.certificateTrusted])).toEqual([
        ['Nguyễn Văn Đức', true, true],
        ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true],
      ]);
      expect(afterTwo[0]!.totalDocumentSigned).toBe(false);
      expect(afterTwo[1]!.totalDocumentSigned).toBe(true);

      const afterThree = pdfsig(three, env.nssDir, env.pki.dir);
      expect(afterThree.map((s) => s.signatureValid)).toEqual(Array(before + 3).fill(true));
      // poppler 22.12 reports "Unknown issue with Certificate" when one certificate signs twice in a file;
      // the chain of every signature is therefore also checked with `openssl cms -verify` against the test CA.
      expect(afterThree[0]!.certificateTrusted).toBe(true);
      expect(afterThree[before]!.certificateTrusted).toBe(true);
      expect(opensslVerifyAll(three, env.pki.caPath, env.pki.dir)).toEqual(Array(before + 3).fill(true));
      // qpdf finds no error; an input that already had warnings (@signpdf writes a stray blank before xref) gets no new ones.
      const inputCheck = qpdfCheck(input, env.pki.dir);
      for (const pdf of [one, two, three]) {
        const check = qpdfCheck(pdf, env.pki.dir);
        expect(check.status === 0 || (check.status === 3 && inputCheck.status === 3)).toBe(true);
        expect(check.warnings).toEqual(inputCheck.warnings);
      }
      expect(Buffer.from(three.subarray(0, two.length)).equals(Buffer.from(two))).toBe(true);
      expect(textInRegion(three, env.pki.dir, { x: 300, y: 0, width: 295, height: 90 })).toContain('SAO Y\nVăn phòng Ủy ban nhân dân tỉnh');
      const checks = await verifyPdfSignatures(three, { trustAnchorsPem: [env.pki.caPem] });
      expect(checks.map((c) => [c.valid, c.modification])).toEqual([
        ...Array(before + 2).fill([true, 'signaturesOnly']),
        [true, 'none'],
      ]);
      const dicts = (await signatureDicts(three)).slice(before);
      expect(dicts.map((d) => d.reason)).toEqual(['Phê duyệt văn bản', 'Phát hành văn bản', 'Sao y bản chính']);
      expect(dicts[1]!.field!.startsWith(ISSUANCE_FIELD_PREFIX)).toBe(true);
    });
  }

  it("places the seal over the left third of the leader's signature", async () => {
    const draft = await pdfLibDocument();
    const one = await signOne(env.leader, LEADER_PIN, approval(draft));
    const two = await signOne(env.organization, ORG_PIN, {
      documentId: 'doc',
      pdf: one,
      reason: 'Phát hành văn bản',
      role: { kind: 'issuance', sealImage: sealImage() },
    });
    const leaderRect = (await findSignatureWidget(two, APPROVAL_FIELD_PREFIX))!.rect;
    const sealRect = (await findSignatureWidget(two, ISSUANCE_FIELD_PREFIX))!.rect;
    expect(sealRect.x + sealRect.width).toBeCloseTo(leaderRect.x + leaderRect.width / 3, 1);
    expect(sealRect.width).toBeCloseTo((36 * 72) / 25.4, 1); // real seal size
    // What the reader sees (poppler rendering): the blue signature, and the red seal over its left third.
    expect(countColouredPixels(draft, env.pki.dir, leaderRect, 'blue')).toBe(0);
    expect(countColouredPixels(one, env.pki.dir, leaderRect, 'blue')).toBeGreaterThan(20);
    expect(countColouredPixels(one, env.pki.dir, sealRect, 'red')).toBe(0);
    expect(countColouredPixels(two, env.pki.dir, sealRect, 'red')).toBeGreaterThan(50);
    const sealMid = sealRect.y + sealRect.height / 2;
    expect(sealMid).toBeGreaterThan(leaderRect.y);
    expect(sealMid).toBeLessThan(leaderRect.y + leaderRect.height);
  });

  it("fills in the number and issue date with the seal, and the leader's signature still verifies", async () => {
    const one = await signOne(env.leader, LEADER_PIN, approval(await pdfLibDocument()));
    const issued = await signOne(env.organization, ORG_PIN, {
      documentId: 'doc',
      pdf: one,
      reason: 'Phát hành văn bản',
      role: {
        kind: 'issuance',
        sealImage: sealImage(),
        fillIn: [
          { ...NUMBER_ANCHOR, text: '125' },
          { ...DATE_ANCHOR, text: 'Thử Nghiệm, ngày 23 tháng 11 năm 2026' },
        ],
      },
    });
    const header = textInRegion(issued, env.pki.dir, { x: 0, y: 60, width: 595, height: 40 });
    expect(header).toMatch(/Số:\s*125\s*\/QĐ-UBND/);
    expect(header).toContain('Thử Nghiệm, ngày 23 tháng 11 năm 2026');
    expect(textInRegion(one, env.pki.dir, { x: 0, y: 60, width: 595, height: 40 })).not.toContain('125');
    const report = pdfsig(issued, env.nssDir, env.pki.dir);
    expect(report.map((s) => [s.signer, s.signatureValid, s.certificateTrusted, s.totalDocumentSigned])).toEqual([
      ['Nguyễn Văn Đức', true, true, false],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, true],
    ]);
    const checks = await verifyPdfSignatures(issued, { trustAnchorsPem: [env.pki.caPem] });
    expect(checks.map((c) => [c.valid, c.modification])).toEqual([
      [true, 'signaturesOnly'],
      [true, 'none'],
    ]);
    expect(qpdfCheck(issued, env.pki.dir).status).toBe(0);
  });

  it('stamps number/symbol and the ISO 8601 signing time (+07:00) at the top right of an attachment file', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const stamping = createPadesService({ tokens: env.tokens, stampFont: env.stampFont, now: () => at });
    const { results } = await stamping.signBatch({
      signer: env.organization,
      pin: ORG_PIN,
      items: [{ documentId: 'pl', pdf: await pdfLibDocument(), reason: 'Phát hành phụ lục', role: { kind: 'attachment', numberAndSymbol: '125/QĐ-UBND' } }],
    });
    const signed = results[0]!.ok ? results[0]!.value.pdf : new Uint8Array();
    const expectedTime = `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
    const topRight = textInRegion(signed, env.pki.dir, { x: 350, y: 0, width: 245, height: 80 });
    expect(topRight.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['125/QĐ-UBND', expectedTime]);
    expect(textInRegion(signed, env.pki.dir, { x: 0, y: 0, width: 300, height: 80 })).not.toContain('125/QĐ-UBND');
    // Times New Roman metrics (Liberation Serif) embedded, with a Unicode map so the Vietnamese text is searchable.
    expect(pdffonts(signed, env.pki.dir)).toMatch(/LiberationSerif\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/);
    expect(pdfsig(signed, env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
  });

  it('refuses to apply the seal on a document the leader has not signed', async () => {
    const { results } = await pades.signBatch({
      signer: env.organization,
      pin: ORG_PIN,
      items: [{ documentId: 'x', pdf: await pdfLibDocument(), reason: 'Phát hành', role: { kind: 'issuance', sealImage: sealImage() } }],
    });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('lãnh đạo ký trước') } });
  });

  it('signs a batch with one PIN entry, reports progress, and keeps going past a corrupt file', async () => {
    const base = await pdfLibDocument();
    const items = Array.from({ length: 5 }, (_, i) => approval(i === 2 ? corruptPdf(base) : base, `doc-${i}`));
    const progress: string[] = [];
    const { results } = await pades.signBatch({
      signer: env.leader,
      pin: LEADER_PIN,
      items,
      onProgress: (p) => progress.push(`${p.done}/${p.total}:${p.documentId}:${p.ok}`),
    });
    expect(progress).toEqual(['1/5:doc-0:true', '2/5:doc-1:true', '3/5:doc-2:false', '4/5:doc-3:true', '5/5:doc-4:true']);
    expect(results[2]).toMatchObject({
      ok: false,
      error: { code: 'PDF_CORRUPT', message: 'Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể ký. Hãy xuất lại tệp PDF từ phần mềm soạn thảo.' },
    });
    for (const r of results.filter((x) => x.ok)) {
      const report = pdfsig(r.value.pdf, env.nssDir, env.pki.dir);
      expect(report[0]!.signatureValid && report[0]!.certificateTrusted).toBe(true);
    }
  });
});
