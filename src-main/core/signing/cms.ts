/**
 * CMS SignedData for PAdES (ETSI.CAdES.detached): SHA-256, content-type + message-digest +
 * signing-certificate-v2 signed attributes, optional signature timestamp as an unsigned attribute.
 * The signed attributes are DER-encoded (sorted SET OF) and handed to a `CmsSigner`, which for users is
 * the token; the CMS is built with pkijs + asn1js but no WebCrypto, so any key location works.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export type KeyAlgorithm = 'RSA' | 'ECDSA';

/** Signs `data` (the DER of the signed attributes) with SHA-256; returns the signature as CMS wants it. */
export type CmsSigner = {
  keyAlgorithm: KeyAlgorithm;
  sign(data: Uint8Array): Promise<Uint8Array>;
};

/** A standalone ArrayBuffer copy, as asn1js/pkijs parsers want. */
export function ab(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function sha256(data: Uint8Array | Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of Array.isArray(data) ? data : [data]) h.update(part);
  return new Uint8Array(h.digest());
}

const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
]);

/** DigestInfo for CKM_RSA_PKCS: tokens that only do raw PKCS#1 v1.5 (most Vietnamese ones) sign this. */
export function sha256DigestInfo(digest: Uint8Array): Uint8Array {
  const out = new Uint8Array(SHA256_DIGEST_INFO_PREFIX.length + digest.length);
  out.set(SHA256_DIGEST_INFO_PREFIX);
  out.set(digest, SHA256_DIGEST_INFO_PREFIX.length);
  return out;
}

function derInteger(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = bytes.slice(i);
  if ((v[0] ?? 0) & 0x80) v = Uint8Array.from([0, ...v]);
  return Uint8Array.from([0x02, v.length, ...v]);
}

/** PKCS#11 CKM_ECDSA returns r‖s; CMS needs ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const r = derInteger(raw.slice(0, half));
  const s = derInteger(raw.slice(half));
  const body = Uint8Array.from([...r, ...s]);
  const len = body.length < 128 ? [body.length] : [0x81, body.length];
  return Uint8Array.from([0x30, ...len, ...body]);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function signingCertificateV2(cert: pkijs.Certificate, certDer: Uint8Array): asn1js.Sequence {
  // ESSCertIDv2 with the default hash algorithm (SHA-256) omitted, plus issuerSerial to bind the exact cert.
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(certDer).slice().buffer }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

export type SignedAttributes = { attributes: pkijs.Attribute[]; der: Uint8Array };

export function buildSignedAttributes(args: {
  contentType: string;
  contentDigest: Uint8Array;
  signerCertDer: Uint8Array;
  signingTime?: Date;
}): SignedAttributes {
  const cert = pkijs.Certificate.fromBER(ab(args.signerCertDer));
  const attrs = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: args.contentType })] }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: args.contentDigest.slice().buffer })],
    }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(cert, args.signerCertDer)] }),
  ];
  if (args.signingTime) {
    attrs.push(new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: args.signingTime })] }));
  }
  // DER needs SET OF sorted by encoding; verifiers re-encode the attributes, so order matters for validity.
  const encoded = attrs.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }));
  encoded.sort((x, y) => compareBytes(x.der, y.der));
  const set = new asn1js.Set({ value: encoded.map((e) => e.a.toSchema()) });
  return { attributes: encoded.map((e) => e.a), der: new Uint8Array(set.toBER()) };
}

export type CmsInput = {
  signer: CmsSigner;
  signerCertDer: Uint8Array;
  /** Intermediate certificates to embed so verifiers can build the chain. */
  chainDer?: Uint8Array[];
  /** SHA-256 of the signed content (the PDF byte ranges). */
  contentDigest: Uint8Array;
  /** Encapsulated content (a TSTInfo for timestamp tokens); absent for detached PAdES. */
  eContent?: { type: string; value: Uint8Array };
  signingTime?: Date;
  /** Called with the signature value; returns a timestamp token (ContentInfo DER) or undefined. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array | undefined>;
};

export async function createCmsSignature(input: CmsInput): Promise<Uint8Array> {
  const contentType = input.eContent?.type ?? OID.data;
  const signed = buildSignedAttributes({
    contentType,
    contentDigest: input.contentDigest,
    signerCertDer: input.signerCertDer,
    signingTime: input.signingTime,
  });
  const signature = await input.signer.sign(signed.der);
  const cert = pkijs.Certificate.fromBER(ab(input.signerCertDer));
  const sha256Alg = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: sha256Alg(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signed.attributes }),
    signatureAlgorithm:
      input.signer.keyAlgorithm === 'RSA'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: signature.slice().buffer }),
  });
  const token = input.timestamp ? await input.timestamp(signature) : undefined;
  if (token) {
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [asn1js.fromBER(token.slice().buffer).result] })],
    });
  }
  const certificates = [cert, ...(input.chainDer ?? []).map((d) => pkijs.Certificate.fromBER(ab(d)))];
  const signedData = new pkijs.SignedData({
    version: input.eContent ? 3 : 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: contentType,
      ...(input.eContent ? { eContent: new asn1js.OctetString({ valueHex: input.eContent.value.slice().buffer }) } : {}),
    }),
    digestAlgorithms: [sha256Alg()],
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}
