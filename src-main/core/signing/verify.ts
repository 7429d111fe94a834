/**
 * Verification of the signatures in any PDF (incoming mail at intake, our own output): integrity of each
 * byte range, the CMS signature, the chain to a configured trust list, the signing time (from an RFC 3161
 * token when there is one, otherwise the time the signer claims), and whether anything but further
 * signatures changed the file afterwards. Accepts SHA-1 for old mail, as DOMAIN.md asks.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, EncryptedPDFError, type PDFNumber } from '@cantoo/pdf-lib';
import { AppError } from '../../../src-shared/contract/errors';
import { ab, OID } from './cms';
import { parseCertificate, type CertificateInfo } from './certificate-info';
import { modificationsAfter, type ModificationVerdict } from './revision-diff';
import { readTstInfo } from './tsa';

export type ChainStatus = 'trusted' | 'untrusted' | 'expiredAtSigning';

export type SignatureCheck = {
  fieldName: string;
  kind: 'signature' | 'docTimeStamp';
  subFilter: string;
  signer?: CertificateInfo;
  /** The bytes signed are the bytes in the file and the CMS signature is mathematically valid. */
  integrity: boolean;
  chain: ChainStatus;
  signingTime?: Date;
  signingTimeSource: 'timestamp' | 'claimed' | 'none';
  timestampValid?: boolean;
  coversWholeFile: boolean;
  modification: ModificationVerdict;
  valid: boolean;
  /** Vietnamese, one line per problem, for the clerk. */
  problems: string[];
};

type RawSignature = { fieldName: string; dict: PDFDict };

const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  [OID.sha1]: 'sha1',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

function collectSignatureFields(doc: PDFDocument): RawSignature[] {
  const out: RawSignature[] = [];
  const visit = (ref: unknown, parentName: string) => {
    const field = doc.context.lookupMaybe(ref as never, PDFDict);
    if (!field) return;
    const name = field.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText();
    const full = [parentName, name].filter(Boolean).join('.');
    const v = field.lookupMaybe(PDFName.of('V'), PDFDict);
    if (v && v.has(PDFName.of('ByteRange'))) out.push({ fieldName: full, dict: v });
    for (const kid of field.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) visit(kid, full);
  };
  const fields = doc.catalog.getAcroForm()?.dict.lookupMaybe(PDFName.of('Fields'), PDFArray);
  for (const ref of fields?.asArray() ?? []) visit(ref, '');
  return out;
}

function signedAttrsForVerify(info: pkijs.SignerInfo): Uint8Array | undefined {
  const encoded = info.signedAttrs?.encodedValue;
  if (!encoded || encoded.byteLength === 0) return undefined;
  const bytes = new Uint8Array(encoded.slice(0));
  bytes[0] = 0x31; // signed over the SET OF, stored with the [0] IMPLICIT tag
  return bytes;
}

function attr(info: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined {
  return info.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

type CmsCheck = { ok: boolean; signer?: X509Certificate; certs: X509Certificate[]; info: pkijs.SignerInfo; signed: pkijs.SignedData };

/** Checks a CMS SignedData over `contentDigestOf(hashName)`; returns the signer certificate. */
function checkCms(cmsDer: Uint8Array, digestOf: (hash: string) => Uint8Array): CmsCheck {
  const contentInfo = pkijs.ContentInfo.fromBER(ab(cmsDer));
  const signed = new pkijs.SignedData({ schema: contentInfo.content });
  const info = signed.signerInfos[0]!;
  const certs = (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())));
  const sid = info.sid as pkijs.IssuerAndSerialNumber;
  const serial = Buffer.from(sid.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^0+/, '').toUpperCase();
  const signer = certs.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serial);
  const hash = HASHES[info.digestAlgorithm.algorithmId];
  if (!signer || !hash) return { ok: false, signer, certs, info, signed };
  const attrsDer = signedAttrsForVerify(info);
  let data: Uint8Array;
  if (attrsDer) {
    const md = attr(info, OID.messageDigest) as asn1js.OctetString | undefined;
    const expected = md ? new Uint8Array(md.valueBlock.valueHexView) : undefined;
    // Timestamp tokens carry their content (TSTInfo); PAdES signatures are detached over the byte ranges.
    const eContent = signed.encapContentInfo.eContent;
    const actual = eContent ? new Uint8Array(createHash(hash).update(new Uint8Array(eContent.getValue())).digest()) : digestOf(hash);
    if (!expected || Buffer.compare(expected, actual) !== 0) return { ok: false, signer, certs, info, signed };
    data = attrsDer;
  } else {
    return { ok: false, signer, certs, info, signed }; // PAdES always has signed attributes
  }
  const sigValue = new Uint8Array(info.signature.valueBlock.valueHexView);
  let ok: boolean;
  try {
    ok = cryptoVerify(hash, data, signer.publicKey, sigValue);
  } catch {
    ok = false; // a malformed signature value is simply invalid
  }
  return { ok, signer, certs, info, signed };
}

function chainStatus(leaf: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date): ChainStatus {
  let current = leaf;
  const path: X509Certificate[] = [leaf];
  for (let depth = 0; depth < 8; depth++) {
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor) {
      path.push(anchor);
      const inTime = path.every((c) => new Date(c.validFrom) <= at && at <= new Date(c.validTo));
      return inTime ? 'trusted' : 'expiredAtSigning';
    }
    const next = pool.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return 'untrusted';
    path.push(next);
    current = next;
  }
  return 'untrusted';
}

function pdfDateToDate(s: string | undefined): Date | undefined {
  const m = s && /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +se);
  const offset = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) : 0;
  return new Date(utc - offset * 60_000);
}

export async function verifyPdfSignatures(pdf: Uint8Array, options: { trustAnchorsPem: string[] }): Promise<SignatureCheck[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw new AppError('PDF_ENCRYPTED');
    throw new AppError('PDF_CORRUPT', undefined, String(err));
  }
  const anchors = options.trustAnchorsPem.map((p) => new X509Certificate(p));
  const raws = collectSignatureFields(doc);
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const ranges = raws.map((r) =>
    r.dict.lookup(PDFName.of('ByteRange'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber()),
  );
  const verdicts = await modificationsAfter(pdf, ranges.map((br) => (br[2] ?? 0) + (br[3] ?? 0)));

  return raws.map((raw, i): SignatureCheck => {
    const [a = -1, b = -1, c = -1, d = -1] = ranges[i]!;
    const subFilter = raw.dict.get(PDFName.of('SubFilter'))?.toString().slice(1) ?? '';
    const kind = raw.dict.get(PDFName.of('Type'))?.toString() === '/DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'docTimeStamp' : 'signature';
    const problems: string[] = [];
    const rangeOk = a === 0 && b > 0 && c > b && c + d <= pdf.length && bytes[b] === 0x3c && bytes[c - 1] === 0x3e;
    const contentsObj = raw.dict.lookup(PDFName.of('Contents'));
    const contents = contentsObj instanceof PDFHexString || contentsObj instanceof PDFString ? contentsObj.asBytes() : new Uint8Array();
    const digestOf = (hash: string) =>
      new Uint8Array(createHash(hash).update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d)).digest());
    let cms: CmsCheck | undefined;
    try {
      cms = checkCms(contents, digestOf);
    } catch {
      cms = undefined;
    }
    let integrity = rangeOk && !!cms?.ok;
    let signingTime: Date | undefined;
    let signingTimeSource: SignatureCheck['signingTimeSource'] = 'none';
    let timestampValid: boolean | undefined;
    if (cms && kind === 'docTimeStamp') {
      // A document timestamp's TSTInfo must be about exactly these bytes.
      const tst = pkijs.TSTInfo.fromBER(cms.signed.encapContentInfo.eContent!.getValue());
      const hash = HASHES[tst.messageImprint.hashAlgorithm.algorithmId] ?? 'sha256';
      integrity &&= Buffer.compare(new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView), digestOf(hash)) === 0;
      signingTime = tst.genTime;
      signingTimeSource = 'timestamp';
    } else if (cms) {
      // adbe.pkcs7.sha1 (old mail) signs a SHA-1 of the ranges carried as content; detached CMS carries none.
      const eContent = cms.signed.encapContentInfo.eContent;
      if (eContent) {
        integrity &&= subFilter === 'adbe.pkcs7.sha1' && Buffer.compare(new Uint8Array(eContent.getValue()), digestOf('sha1')) === 0;
      }
      const tokenAttr = cms.info.unsignedAttrs?.attributes.find((x) => x.type === OID.signatureTimeStampToken);
      if (tokenAttr) {
        const tokenDer = new Uint8Array(tokenAttr.values[0]!.toBER());
        const sigValue = new Uint8Array(cms.info.signature.valueBlock.valueHexView);
        try {
          const tst = readTstInfo(pkijs.ContentInfo.fromBER(ab(tokenDer)));
          const hash = HASHES[tst.messageImprint.hashAlgorithm.algorithmId] ?? 'sha256';
          const imprintOk =
            Buffer.compare(new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView), createHash(hash).update(sigValue).digest()) === 0;
          const tsaCms = checkCms(tokenDer, () => new Uint8Array());
          timestampValid = imprintOk && tsaCms.ok && !!tsaCms.signer && chainStatus(tsaCms.signer, tsaCms.certs, anchors, tst.genTime) === 'trusted';
          if (timestampValid) {
            signingTime = tst.genTime;
            signingTimeSource = 'timestamp';
          } else problems.push('Dấu thời gian kèm chữ ký không hợp lệ hoặc không do đơn vị được tin cậy cấp.');
        } catch {
          timestampValid = false;
          problems.push('Dấu thời gian kèm chữ ký bị hỏng.');
        }
      }
      if (!signingTime) {
        signingTime = pdfDateToDate(raw.dict.lookupMaybe(PDFName.of('M'), PDFString, PDFHexString)?.decodeText());
        if (signingTime) signingTimeSource = 'claimed';
      }
    }
    if (kind === 'docTimeStamp' && cms?.signer) {
      timestampValid = integrity;
    }
    const chain = cms?.signer ? chainStatus(cms.signer, cms.certs, anchors, signingTime ?? new Date()) : 'untrusted';
    if (!integrity) problems.push('Nội dung đã bị thay đổi sau khi ký hoặc chữ ký bị hỏng.');
    if (chain === 'untrusted') problems.push('Chứng thư số của người ký không thuộc danh sách tổ chức cung cấp dịch vụ chứng thực được tin cậy.');
    if (chain === 'expiredAtSigning') problems.push('Chứng thư số đã hết hạn hoặc chưa có hiệu lực vào thời điểm ký.');
    if (verdicts[i] === 'modified') problems.push('Văn bản đã bị sửa đổi sau khi ký (không chỉ thêm chữ ký).');
    return {
      fieldName: raw.fieldName,
      kind,
      subFilter,
      signer: cms?.signer ? parseCertificate(new Uint8Array(cms.signer.raw)) : undefined,
      integrity,
      chain,
      signingTime,
      signingTimeSource,
      timestampValid,
      coversWholeFile: c + d === pdf.length,
      modification: verdicts[i]!,
      valid: integrity && chain === 'trusted' && verdicts[i] !== 'modified' && timestampValid !== false,
      problems,
    };
  });
}
