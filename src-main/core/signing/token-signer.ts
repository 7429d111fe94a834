/**
 * A CmsSigner whose private key stays on the token: the host hashes, the token signs. RSA goes through
 * CKM_RSA_PKCS with a DigestInfo (the one mechanism every Vietnamese token driver supports); ECDSA through
 * CKM_ECDSA on the SHA-256 digest, its raw r‖s turned into DER for CMS.
 */
import { ecdsaRawToDer, sha256, sha256DigestInfo, type CmsSigner, type KeyAlgorithm } from './cms';
import type { TokenClient } from './token.client';

export function createTokenSigner(args: {
  tokens: TokenClient;
  sessionId: string;
  keyId: string;
  keyAlgorithm: KeyAlgorithm;
}): CmsSigner {
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
      return args.keyAlgorithm === 'RSA' ? raw : ecdsaRawToDer(raw);
    },
  };
}
