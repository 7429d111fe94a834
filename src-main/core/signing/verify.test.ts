import { execFileSync } from 'node:child_process';
import { sign as nodeSign } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { createTestPki, P12_PASSPHRASE, type TestIdentity } from '../../../tests/helpers/pki';
import { APPROVAL_ANCHOR, encryptedPdf, pdfLibDocument, sealImage, signatureImage, signWithSignpdf } from '../../../tests/helpers/signing-fixtures';
import { approvalRectBetween } from './appearance';
import { createCmsSignature } from './cms';
import { digestByteRange, embedCms, prepareSignatureRevision } from './pdf-incremental';
import { createPadesService } from './pades.service';
import { createSigningTestEnv, LEADER_PIN, ORG_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';
import { verifyPdfSignatures } from './verify';

let env: SigningTestEnv;
let leaderAndSeal: Uint8Array;

beforeAll(async () => {
  env = createSigningTestEnv();
  const pades = createPadesService({ tokens: env.tokens, stampFont: env.stampFont });
  const one = await pades.signBatch({
    signer: env.leader,
    pin: LEADER_PIN,
    items: [{ documentId: 'd', pdf: await pdfLibDocument(), reason: 'Phê duyệt', role: { kind: 'approval', signatureImage: signatureImage(), pageIndex: 0, rect: approvalRectBetween(APPROVAL_ANCHOR) } }],
  });
  const two = await pades.signBatch({
    signer: env.organization,
    pin: ORG_PIN,
    items: [{ documentId: 'd', pdf: (one.results[0] as { value: { pdf: Uint8Array } }).value.pdf, reason: 'Phát hành', role: { kind: 'issuance', sealImage: sealImage() } }],
  });
  leaderAndSeal = (two.results[0] as { value: { pdf: Uint8Array } }).value.pdf;
});
afterAll(async () => {
  await env?.dispose();
});

const trust = () => ({ trustAnchorsPem: [env.pki.caPem] });

/** Signs with a key held in memory, bypassing the service's certificate checks (to make bad files on purpose). */
async function signWithKey(pdf: Uint8Array, id: TestIdentity, at: Date): Promise<Uint8Array> {
  const prepared = await prepareSignatureRevision(pdf, { fieldName: 'Raw', kind: 'signature', signingTime: at, contentsBytes: 8192 });
  const cms = await createCmsSignature({
    signer: { keyAlgorithm: 'RSA', sign: async (data) => new Uint8Array(nodeSign('sha256', data, id.keyPem)) },
    signerCertDer: id.certDer,
    contentDigest: digestByteRange(prepared),
  });
  return embedCms(prepared, cms);
}

describe('verifying PDF signatures', () => {
  it("reports the leader's and the organization's signatures as valid, with signer and time", async () => {
    const checks = await verifyPdfSignatures(leaderAndSeal, trust());
    expect(checks.map((c) => [c.signer?.subjectCommonName, c.integrity, c.chain, c.modification, c.valid])).toEqual([
      ['Nguyễn Văn Đức', true, 'trusted', 'signaturesOnly', true],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, 'trusted', 'none', true],
    ]);
    expect(checks[1]!.coversWholeFile).toBe(true);
    expect(checks[0]!.signingTimeSource).toBe('claimed');
    expect(Math.abs(checks[0]!.signingTime!.getTime() - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('detects a byte changed inside the signed range', async () => {
    const tampered = leaderAndSeal.slice();
    const at = Buffer.from(tampered).indexOf('Type /Page') + 1;
    tampered[at] = 'X'.charCodeAt(0);
    const checks = await verifyPdfSignatures(tampered, trust());
    expect(checks.every((c) => !c.integrity && !c.valid)).toBe(true);
    expect(checks[0]!.problems).toContain('Nội dung đã bị thay đổi sau khi ký hoặc chữ ký bị hỏng.');
  });

  it('detects page content changed in an incremental update after signing', async () => {
    const doc = await PDFDocument.load(leaderAndSeal, { forIncrementalUpdate: true, updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPage(0).drawText('So tien: 999.999.999 dong', { x: 60, y: 500, size: 14, font });
    const modified = await doc.commit({ useObjectStreams: false });
    const checks = await verifyPdfSignatures(modified, trust());
    expect(checks.map((c) => [c.integrity, c.modification, c.valid])).toEqual([
      [true, 'modified', false],
      [true, 'modified', false],
    ]);
    expect(checks[0]!.problems).toContain('Văn bản đã bị sửa đổi sau khi ký (không chỉ thêm chữ ký).');
  });

  it('treats a new non-signature annotation over the page as a modification', async () => {
    const doc = await PDFDocument.load(leaderAndSeal, { forIncrementalUpdate: true, updateMetadata: false });
    const page = doc.getPage(0);
    const note = doc.context.register(
      doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [60, 480, 400, 520], Contents: 'Sua noi dung', DA: '/Helv 12 Tf 0 g' }),
    );
    page.node.addAnnot(note);
    doc.context.registerObjectChange(page.node);
    const checks = await verifyPdfSignatures(await doc.commit({ useObjectStreams: false }), trust());
    expect(checks.map((c) => c.modification)).toEqual(['modified', 'modified']);
  });

  it('does not trust a certificate from an unknown CA', async () => {
    const other = createTestPki();
    rmSync(other.dir, { recursive: true, force: true });
    const checks = await verifyPdfSignatures(leaderAndSeal, { trustAnchorsPem: [other.caPem] });
    expect(checks.map((c) => [c.integrity, c.chain, c.valid])).toEqual([
      [true, 'untrusted', false],
      [true, 'untrusted', false],
    ]);
  });

  it('flags a signature made with a certificate that had expired at signing time', async () => {
    const signed = await signWithKey(await pdfLibDocument(), env.pki.expired, new Date());
    const [check] = await verifyPdfSignatures(signed, trust());
    expect(check).toMatchObject({ integrity: true, chain: 'expiredAtSigning', valid: false });
    expect(check!.problems).toContain('Chứng thư số đã hết hạn hoặc chưa có hiệu lực vào thời điểm ký.');
  });

  it('accepts a SHA-1 signature from old mail (made by openssl cms)', async () => {
    const prepared = await prepareSignatureRevision(await pdfLibDocument(), { fieldName: 'Old', kind: 'signature', signingTime: new Date(), contentsBytes: 8192 });
    const [a, b, c, d] = prepared.byteRange;
    const content = join(env.pki.dir, 'old-mail.bin');
    writeFileSync(content, Buffer.concat([prepared.bytes.subarray(a, a + b), prepared.bytes.subarray(c, c + d)]));
    const cms = execFileSync('openssl', ['cms', '-sign', '-md', 'sha1', '-binary', '-outform', 'DER', '-in', content,
      '-signer', env.pki.otherSigner.certPath, '-inkey', env.pki.otherSigner.keyPath]);
    const signed = embedCms(prepared, new Uint8Array(cms));
    const [check] = await verifyPdfSignatures(signed, trust());
    expect(check).toMatchObject({ integrity: true, chain: 'trusted', valid: true });
    expect(check!.signer?.subjectCommonName).toBe('Lê Thị Hoa');
    signed[200]! ^= 1; // one bit inside the first signed range
    expect((await verifyPdfSignatures(signed, trust()))[0]!.integrity).toBe(false);
  });

  it("verifies another producer's signature (@signpdf, adbe.pkcs7.detached)", async () => {
    const signed = await signWithSignpdf(await pdfLibDocument(), env.pki.leader.p12, P12_PASSPHRASE);
    const [check] = await verifyPdfSignatures(signed, trust());
    expect(check).toMatchObject({ subFilter: 'adbe.pkcs7.detached', integrity: true, chain: 'trusted', valid: true });
  });

  it('returns no signatures for an unsigned file and refuses an encrypted one', async () => {
    const plain = await pdfLibDocument();
    expect(await verifyPdfSignatures(plain, trust())).toEqual([]);
    await expect(verifyPdfSignatures(encryptedPdf(plain, env.pki.dir), trust())).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
  });
});
