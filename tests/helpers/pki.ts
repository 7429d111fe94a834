/**
 * Test PKI made with the real `openssl` binary: a root CA and the certificates the signing tests need
 * (leader RSA-2048, organization ECDSA P-256, expired, not yet valid, without a signing key usage, TSA).
 * Everything lives in one temp folder per call; callers create it once per test file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestIdentity = {
  name: string;
  keyPem: string;
  /** PKCS#8 DER of the private key, for import into a token. */
  keyDer: Uint8Array;
  certPem: string;
  certDer: Uint8Array;
  certPath: string;
  keyPath: string;
  /** PKCS#12 (3DES, readable by node-forge) with passphrase P12_PASSPHRASE, for the @signpdf baseline. */
  p12: Uint8Array;
};

export const P12_PASSPHRASE = 'vanban';

export type TestPki = {
  dir: string;
  caPem: string;
  caPath: string;
  leader: TestIdentity;
  /** A second RSA signer (another agency's leader), for files that arrive already signed. */
  otherSigner: TestIdentity;
  organization: TestIdentity;
  expired: TestIdentity;
  notYetValid: TestIdentity;
  noSigningUsage: TestIdentity;
  tsa: TestIdentity;
};

const CA_CONFIG = `
[ ca ]
default_ca = testca
[ testca ]
dir = DIR
database = DIR/index.txt
serial = DIR/serial
new_certs_dir = DIR/issued
certificate = DIR/ca.pem
private_key = DIR/ca.key
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
utf8 = yes
string_mask = utf8only
[ anything ]
commonName = supplied
organizationName = optional
countryName = optional
[ req ]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[ dn ]
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ signer ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ nosign ]
basicConstraints = CA:false
keyUsage = critical,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

type IssueOptions = {
  subject: string;
  keyType: 'rsa' | 'ec';
  extensions: 'signer' | 'nosign' | 'tsa';
  startDate?: string;
  endDate?: string;
};

function issue(dir: string, name: string, opts: IssueOptions): TestIdentity {
  const keyPath = join(dir, `${name}.key`);
  const csrPath = join(dir, `${name}.csr`);
  const certPath = join(dir, `${name}.pem`);
  const keyArgs =
    opts.keyType === 'rsa'
      ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
      : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  openssl(['genpkey', ...keyArgs, '-out', keyPath], dir);
  openssl(['req', '-new', '-config', 'ca.cnf', '-utf8', '-key', keyPath, '-subj', opts.subject, '-out', csrPath], dir);
  const dates = [
    ...(opts.startDate ? ['-startdate', opts.startDate] : []),
    ...(opts.endDate ? ['-enddate', opts.endDate] : ['-days', '365']),
  ];
  openssl(
    ['ca', '-batch', '-config', 'ca.cnf', '-notext', '-extensions', opts.extensions, ...dates, '-in', csrPath, '-out', certPath],
    dir,
  );
  const keyDerPath = join(dir, `${name}.p8.der`);
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', keyPath, '-outform', 'DER', '-out', keyDerPath], dir);
  const certDerPath = join(dir, `${name}.der`);
  openssl(['x509', '-in', certPath, '-outform', 'DER', '-out', certDerPath], dir);
  const p12Path = join(dir, `${name}.p12`);
  openssl(['pkcs12', '-export', '-inkey', keyPath, '-in', certPath, '-certfile', 'ca.pem', '-passout', `pass:${P12_PASSPHRASE}`,
    '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', p12Path], dir);
  return {
    name,
    p12: new Uint8Array(readFileSync(p12Path)),
    keyPem: readFileSync(keyPath, 'utf8'),
    keyDer: new Uint8Array(readFileSync(keyDerPath)),
    certPem: readFileSync(certPath, 'utf8'),
    certDer: new Uint8Array(readFileSync(certDerPath)),
    certPath,
    keyPath,
  };
}

function asn1Time(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

/** Creates a fresh test CA and its end-entity certificates in a new temp folder (about a second). */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-pki-'));
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG.replaceAll('DIR', dir));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  execFileSync('mkdir', ['-p', join(dir, 'issued')]);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'ca.key'], dir);
  openssl(
    ['req', '-x509', '-new', '-config', 'ca.cnf', '-utf8', '-key', 'ca.key', '-days', '3650', '-sha256',
      '-extensions', 'v3_ca', '-subj', '/C=VN/O=VanBan Test CA/CN=VanBan Test Root CA', '-out', 'ca.pem'],
    dir,
  );
  const now = Date.now();
  const day = 86_400_000;
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caPath: join(dir, 'ca.pem'),
    leader: issue(dir, 'leader', {
      subject: '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Nguyễn Văn Đức',
      keyType: 'rsa',
      extensions: 'signer',
    }),
    otherSigner: issue(dir, 'other', {
      subject: '/C=VN/O=Sở Tài chính tỉnh Thử Nghiệm/CN=Lê Thị Hoa',
      keyType: 'rsa',
      extensions: 'signer',
    }),
    organization: issue(dir, 'organization', {
      subject: '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm',
      keyType: 'ec',
      extensions: 'signer',
    }),
    expired: issue(dir, 'expired', {
      subject: '/C=VN/CN=Trần Thị Hết Hạn',
      keyType: 'rsa',
      extensions: 'signer',
      startDate: asn1Time(new Date(now - 400 * day)),
      endDate: asn1Time(new Date(now - 30 * day)),
    }),
    notYetValid: issue(dir, 'notyet', {
      subject: '/C=VN/CN=Lê Văn Chưa Tới',
      keyType: 'rsa',
      extensions: 'signer',
      startDate: asn1Time(new Date(now + 30 * day)),
      endDate: asn1Time(new Date(now + 400 * day)),
    }),
    noSigningUsage: issue(dir, 'nosign', { subject: '/C=VN/CN=Phạm Văn Mã Hóa', keyType: 'rsa', extensions: 'nosign' }),
    tsa: issue(dir, 'tsa', { subject: '/C=VN/O=VanBan Test CA/CN=VanBan Test TSA', keyType: 'rsa', extensions: 'tsa' }),
  };
}

/** An NSS database trusting the test CA, for `pdfsig -nssdir sql:DIR`. */
export function createNssDb(pki: TestPki): string {
  const nssDir = join(pki.dir, 'nss');
  execFileSync('mkdir', ['-p', nssDir]);
  execFileSync('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'testca', '-t', 'CT,C,C', '-i', pki.caPath]);
  return nssDir;
}
