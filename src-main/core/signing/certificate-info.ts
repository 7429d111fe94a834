/**
 * What the user sees about a certificate before signing (subject, issuer, validity, key usage), and the
 * rule that refuses a certificate that is expired, not yet valid or not meant for signing.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../src-shared/contract/errors';
import { ab } from './cms';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

const KEY_USAGE_BITS: KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export type CertificateInfo = {
  subjectCommonName: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Undefined when the certificate has no keyUsage extension (then every use is allowed). */
  keyUsage?: KeyUsageName[];
  keyAlgorithm: 'RSA' | 'ECDSA' | 'other';
  certDer: Uint8Array;
};

function commonName(dn: string): string {
  const cn = dn.split('\n').find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3) : dn;
}

export function parseCertificate(der: Uint8Array): CertificateInfo {
  const x509 = new X509Certificate(der);
  const cert = pkijs.Certificate.fromBER(ab(der));
  const kuExt = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  let keyUsage: KeyUsageName[] | undefined;
  if (kuExt) {
    const bits = asn1js.fromBER(kuExt.extnValue.valueBlock.valueHexView).result as asn1js.BitString;
    const bytes = bits.valueBlock.valueHexView;
    keyUsage = KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
  }
  const algOid = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  return {
    subjectCommonName: commonName(x509.subject),
    subject: x509.subject.split('\n').reverse().join(', '),
    issuer: x509.issuer.split('\n').reverse().join(', '),
    serialNumber: x509.serialNumber,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    keyUsage,
    keyAlgorithm: algOid === '1.2.840.113549.1.1.1' ? 'RSA' : algOid === '1.2.840.10045.2.1' ? 'ECDSA' : 'other',
    certDer: der,
  };
}

function viDate(d: Date): string {
  // Vietnamese users read dd/mm/yyyy in local (UTC+7) time.
  const local = new Date(d.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** Throws the error the user should see when this certificate must not sign now. */
export function assertUsableForSigning(info: CertificateInfo, now: Date): void {
  if (now < info.notBefore) {
    throw new AppError(
      'CERT_NOT_YET_VALID',
      `Chứng thư số của ${info.subjectCommonName} chỉ có hiệu lực từ ngày ${viDate(info.notBefore)}. Hãy kiểm tra ngày giờ của máy tính hoặc chờ đến ngày hiệu lực.`,
    );
  }
  if (now > info.notAfter) {
    throw new AppError(
      'CERT_EXPIRED',
      `Chứng thư số của ${info.subjectCommonName} đã hết hạn ngày ${viDate(info.notAfter)}. Hãy liên hệ đơn vị cấp chứng thư số để gia hạn.`,
    );
  }
  if (info.keyUsage && !info.keyUsage.includes('digitalSignature') && !info.keyUsage.includes('nonRepudiation')) {
    throw new AppError(
      'CERT_NOT_FOR_SIGNING',
      `Chứng thư số của ${info.subjectCommonName} không dùng để ký số (chỉ dùng để mã hóa). Hãy chọn chứng thư số ký khác trên USB ký số.`,
    );
  }
  if (info.keyAlgorithm === 'other') {
    throw new AppError('CERT_NOT_FOR_SIGNING', 'Chứng thư số dùng thuật toán khóa chưa được hỗ trợ (chỉ hỗ trợ RSA và ECDSA).');
  }
}
