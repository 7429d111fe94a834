/**
 * A CmsSigner whose private key stays on the token: the host hashes, the token signs. RSA goes through
 * CKM_RSA_PKCS with a DigestInfo (the one mechanism every Vietnamese token driver supports); ECDSA through
 * CKM_ECDSA on the SHA-256 digest, its raw r‖s turned into DER for CMS. Every signature is checked against
 * the chosen certificate before use, so a certificate that does not belong to the key never yields a file
 * that looks signed but fails verification.
 */
import { verify, X509Certificate } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import { ecdsaRawToDer, sha256, sha256DigestInfo, type CmsSigner, type KeyAlgorithm } from './cms';
import type { TokenClient } from './token.client';

export function createTokenSigner(args: {
  tokens: TokenClient;
  sessionId: string;
  keyId: string;
  keyAlgorithm: KeyAlgorithm;
  certDer: Uint8Array;
}): CmsSigner {
  const publicKey = new X509Certificate(args.certDer).publicKey;
  return {
    keyAlgorithm: args.keyAlgorithm,
    async sign(data) {
      const digest = sha256(data);
      const payload = args.keyAlgorithm === 'RSA' ? sha256DigestInfo(digest) : digest;
      const { signatureBase64 } = await args.tokens.call({
        op: 'sign',
        sessionId: args.sessionId,
        keyId: args.keyId,
        mechanism: args.keyAlgorithm === 'RSA' ? 'RSA_PKCS' : 'ECDSA',
        dataBase64: Buffer.from(payload).toString('base64'),
      });
      const raw = new Uint8Array(Buffer.from(signatureBase64, 'base64'));
      const signature = args.keyAlgorithm === 'RSA' ? raw : ecdsaRawToDer(raw);
      let matches: boolean;
      try {
        matches = verify('sha256', data, publicKey, signature);
      } catch {
        matches = false; // e.g. an RSA key answering for an ECDSA certificate
      }
      if (!matches) {
        throw new AppError(
          'CERT_NOT_FOUND',
          'Chứng thư số đã chọn không khớp với khóa ký trên USB ký số. Hãy chọn lại chứng thư số trong danh sách của USB token.',
        );
      }
      return signature;
    },
  };
}
